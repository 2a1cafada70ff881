// telemetry.istio.io Telemetry: metrics, access logging and tracing per workload or namespace.
import { targetRef, targetRefs, workloadSelector } from './common.js';
import { bool, double, duration, enumOf, list, map, obj, str } from './schema.js';

const providers = () => list(obj({ name: str({ minLength: 1 }) }, { required: ['name'] }));
const modeMatch = () => obj({ mode: enumOf(['CLIENT_AND_SERVER', 'CLIENT', 'SERVER']) });
const flag = () => bool({ nullable: true });

const METRICS = [
  'ALL_METRICS',
  'REQUEST_COUNT',
  'REQUEST_DURATION',
  'REQUEST_SIZE',
  'RESPONSE_SIZE',
  'TCP_OPENED_CONNECTIONS',
  'TCP_CLOSED_CONNECTIONS',
  'TCP_SENT_BYTES',
  'TCP_RECEIVED_BYTES',
  'GRPC_REQUEST_MESSAGES',
  'GRPC_RESPONSE_MESSAGES',
];

const nameDefault = () => obj({ defaultValue: str(), name: str({ minLength: 1 }) }, { required: ['name'] });
const valueOnly = () => obj({ value: str({ minLength: 1 }) }, { required: ['value'] });

export const telemetrySpec = obj(
  {
    accessLogging: list(
      obj({
        disabled: flag(),
        filter: obj({ expression: str() }),
        match: modeMatch(),
        providers: providers(),
      }),
    ),
    metrics: list(
      obj({
        overrides: list(
          obj({
            disabled: flag(),
            match: obj(
              {
                customMetric: str({ minLength: 1 }),
                metric: enumOf(METRICS),
                mode: enumOf(['CLIENT_AND_SERVER', 'CLIENT', 'SERVER']),
              },
              { oneOf: [['metric', 'customMetric']] },
            ),
            tagOverrides: map(obj({ operation: enumOf(['UPSERT', 'REMOVE']), value: str() })),
          }),
        ),
        providers: providers(),
        reportingInterval: duration(),
      }),
    ),
    selector: workloadSelector(),
    targetRef: targetRef(),
    targetRefs: targetRefs(),
    tracing: list(
      obj({
        customTags: map(
          obj(
            {
              environment: nameDefault(),
              formatter: valueOnly(),
              header: nameDefault(),
              literal: valueOnly(),
            },
            { oneOf: [['literal', 'environment', 'header', 'formatter']] },
          ),
        ),
        disableContextPropagation: flag(),
        disableSpanReporting: flag(),
        enableIstioTags: flag(),
        match: modeMatch(),
        providers: providers(),
        randomSamplingPercentage: double({ minimum: 0, maximum: 100, nullable: true }),
        useRequestIdForTraceSampling: flag(),
      }),
    ),
  },
  { desc: 'Telemetry generation for workloads.' },
);

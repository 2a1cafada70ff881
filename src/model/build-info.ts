// The Istio release whose images, charts and behaviour this CLI ships.
export const ISTIO_VERSION = '1.30.3';
export const PACKAGE_NAME = 'istioctl-ts';
export const PACKAGE_VERSION = '0.1.0';

/** istioctl's version.BuildInfo; JSON keys as upstream's struct tags. */
export interface BuildInfo {
  version: string;
  revision: string;
  golang_version: string;
  status: string;
  tag: string;
}

export const CLIENT_BUILD_INFO: BuildInfo = {
  version: ISTIO_VERSION,
  revision: `${PACKAGE_NAME}-${PACKAGE_VERSION}`,
  golang_version: 'none (TypeScript)',
  status: 'Clean',
  tag: ISTIO_VERSION,
};

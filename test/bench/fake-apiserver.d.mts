export interface FakeApiServer {
  kubeconfig: string;
  close(): Promise<void>;
}
export function startFakeApiServer(opts?: { unref?: boolean }): Promise<FakeApiServer>;
export function spawnFakeApiServer(): Promise<FakeApiServer>;

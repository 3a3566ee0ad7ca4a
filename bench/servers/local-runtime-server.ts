/** The local runtime on embedded defaults, started by the bench as a child so client and server do not share a thread. */
import { startLocalRuntime } from '#infra/local/main';

const runtime = await startLocalRuntime({ port: 0 });
process.send?.({ url: runtime.url });
process.once('disconnect', () => {
  void runtime.stop().finally(() => process.exit(0));
});

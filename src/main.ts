// Composition root: read config once, build the app, listen, shut down in order on a signal.
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config/env.js';
import { KnowledgeError } from './knowledge/errors.js';

async function main(): Promise<void> {
  const config = await loadConfig();
  const app = await createApp(config);
  await app.server.listen({ port: config.PORT, host: config.HOST });
  await app.start();
  const shown = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  app.logger.info(`Trợ lý số is ready: web chat at http://${shown}:${config.PORT}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  // Problems a person can fix are printed as plain sentences, without a stack trace.
  if (error instanceof ConfigError || error instanceof KnowledgeError) {
    console.error(error.message);
  } else {
    console.error('Trợ lý số could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});

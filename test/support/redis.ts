// A real redis-server for storage tests: .ci/run starts one on a spare port and sets REDIS_TEST_URL.
// Without it the Redis tests are skipped with a warning, unless REQUIRE_REDIS=1 (CI), where that is a failure.
export function redisTestUrl(): string | undefined {
  const url = process.env.REDIS_TEST_URL;
  if (!url) {
    if (process.env.REQUIRE_REDIS === '1') throw new Error('REDIS_TEST_URL is not set: start redis-server (see .ci/run)');
    console.warn('⚠ Redis tests skipped: set REDIS_TEST_URL=redis://127.0.0.1:PORT');
  }
  return url;
}

const DISCORD_EPOCH = 1_420_070_400_000n;

/** Snowflake ids shaped like Discord's (timestamp << 22 | counter), increasing, as strings. */
export function createSnowflakes(): () => string {
  let counter = 0n;
  return () => {
    counter = (counter + 1n) % 4096n;
    return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | counter);
  };
}

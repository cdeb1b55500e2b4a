// `npm start`: the whole of Pitlane in one process.
import { loadConfig } from "./config";
import { DataFolderInUseError } from "./db/client";
import { EmbeddedServerError } from "./db/embedded-server";
import { startPitlane } from "./runtime";

const config = loadConfig();
try {
  const pitlane = await startPitlane(config);
  await pitlane.app.listen({ port: config.PORT, host: config.HOST });
  const where = config.DATABASE_URL
    ? "PostgreSQL (DATABASE_URL)"
    : `embedded PostgreSQL in ${config.PITLANE_DATA_DIR}`;
  const lines = [
    "",
    `Pitlane is running on ${config.publicUrl}  (database: ${where})`,
    `  Shop dashboard   ${config.publicUrl}/login`,
    `  Customer portal  ${config.publicUrl}/portal/login`,
    `  API docs         ${config.publicUrl}/api/docs`,
  ];
  if (pitlane.demoLogins) {
    lines.push("", "Demo data was created. Sign in with:");
    for (const l of pitlane.demoLogins) {
      lines.push(`  ${l.audience.padEnd(6)} ${l.role.padEnd(16)} ${l.email.padEnd(28)} ${l.password}`);
    }
  }
  console.log(lines.join("\n"));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await pitlane.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  if (error instanceof DataFolderInUseError || error instanceof EmbeddedServerError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

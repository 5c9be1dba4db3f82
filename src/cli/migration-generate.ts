import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, projectRoot } from '../config/config';
import { withMigratedScratchDatabase } from '../db/scratch';

/**
 * `npm run migration:generate -- <PascalCaseVerbNoun>`: applies every migration to a scratch
 * database, asks TypeORM what the entities still need and writes that as a new migration class.
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    console.error('usage: npm run migration:generate -- <PascalCaseVerbNoun>');
    process.exit(2);
  }
  const config = loadConfig();
  const sql = await withMigratedScratchDatabase(config, async (ds) => ds.driver.createSchemaBuilder().log());
  if (sql.upQueries.length === 0) {
    console.log('The entities match the migrations: nothing to generate.');
    return;
  }
  const stamp = Date.now();
  const className = `${name}${stamp}`;
  const q = (s: string): string => '`' + s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
  const up = sql.upQueries.map((x) => `    await queryRunner.query(${q(x.query)});`).join('\n');
  const down = [...sql.downQueries]
    .reverse()
    .map((x) => `    await queryRunner.query(${q(x.query)});`)
    .join('\n');
  const file = path.join(projectRoot(), 'migrations', `${stamp}-${name}.ts`);
  fs.writeFileSync(
    file,
    `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${className} implements MigrationInterface {\n  name = '${className}';\n\n  async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
  );
  console.log(`wrote ${path.relative(projectRoot(), file)}; add it to src/db/migrations.ts`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

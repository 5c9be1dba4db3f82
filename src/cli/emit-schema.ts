import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { projectRoot } from '../config/config';
import { buildAppSchema } from '../graphql/schema';
import { runCli } from './cli-support';

/** `npm run schema:emit` writes schema/schema.graphql; `--check` fails when it is out of date. */
runCli(async () => {
  const file = path.join(projectRoot(), 'schema', 'schema.graphql');
  const sdl = `${printSchema(lexicographicSortSchema(await buildAppSchema()))}\n`;
  if (process.argv.includes('--check')) {
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (committed !== sdl) {
      console.error('schema/schema.graphql is out of date with the code: run `npm run schema:emit` and commit it.');
      process.exit(1);
    }
    console.log('schema/schema.graphql matches the code.');
    return;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, sdl);
  console.log(`wrote ${path.relative(projectRoot(), file)}`);
});

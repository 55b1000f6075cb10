import fs from 'node:fs';
import { z } from 'zod';
import type { Ctx } from '../shared/context.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { pageQuerySchema, pageSchema } from '../shared/http/pagination.ts';
import type { App, RoutePlugin } from '../shared/http/route-types.ts';
import { memoryErrorSink } from './engine/error-sink.ts';
import { bufferFile, ImportInputError } from './engine/input-file.ts';
import type { MergeResolver } from './engine/key-map.ts';
import { runImport } from './engine/run-import.ts';
import { getImportRun, listImportRuns } from './list-import-runs.ts';
import { MappingError } from './mapping/mapping-error.ts';
import { compileImportMapping } from './prepare-import.ts';
import { parseMapping } from './mapping/load-mapping.ts';
import { builtInMapping, listShippedMappings, loadShippedMapping, MAPPING_NAME, MAPPING_NAME_RULE } from './shipped-mappings.ts';
import { BUILT_IN_SOURCES } from './sources/index.ts';
import { findErrorReportFile, findImportRunProgress, startImportRun } from './start-import-run.ts';

/** Bigger files go through the CLI, which streams them; a request body is held in memory. */
export const IMPORT_BODY_LIMIT_BYTES = 20 * 1024 * 1024;
const ERRORS_IN_RESPONSE = 1000;
const access = ['admin', 'revops'] as const;
const tags = ['imports'];

const importQuerySchema = z
  .strictObject({
    source: z.enum(BUILT_IN_SOURCES).optional().describe('A built-in format'),
    mapping: z.string().regex(MAPPING_NAME, MAPPING_NAME_RULE).optional().describe('A shipped mapping (mappings/<name>.json), e.g. ravenstack-saas'),
    file: z.string().min(1).max(200).regex(/^[^/\\]+$/, 'a file name, not a path').describe('The file name the mapping matches, e.g. Account.csv'),
    dryRun: z.enum(['true', 'false']).default('false'),
  })
  .refine((q) => (q.source === undefined) !== (q.mapping === undefined), { message: 'give exactly one of source and mapping', path: ['source'] });

const runSchema = z.object({
  id: z.string(), source: z.string(), sourceSystem: z.string(), files: z.array(z.string()), dryRun: z.boolean(),
  status: z.enum(['running', 'completed', 'failed']), startedAt: z.string(), finishedAt: z.string().nullable(),
  summary: z.unknown(), errorReport: z.string().nullable(), failure: z.string().nullable(), actorId: z.string(),
  progress: z.object({ file: z.string(), fileNumber: z.number(), fileCount: z.number(), bytesRead: z.number(), fileSize: z.number().nullable(), rows: z.number(), retrying: z.boolean() })
    .nullable().optional().describe('While a run started by POST /imports/runs is running: where it is'),
  errorReportDownloadable: z.boolean().optional().describe('GET /imports/:id/error-report has the report (runs started by POST /imports/runs)'),
});

const FILE_NAME = z.string().min(1).max(200).regex(/^[^/\\]+$/, 'a file name, not a path');
/** Base64 makes 3 bytes 4 characters: the JSON body of a run may be a third larger than its files. */
const RUN_BODY_LIMIT_BYTES = Math.ceil((IMPORT_BODY_LIMIT_BYTES * 4) / 3) + 64 * 1024;

const startRunSchema = z
  .strictObject({
    source: z.enum(BUILT_IN_SOURCES).optional().describe('A built-in format'),
    mapping: z.string().regex(MAPPING_NAME, MAPPING_NAME_RULE).optional().describe('A shipped mapping by name'),
    customMapping: z.record(z.string(), z.unknown()).optional().describe('A mapping document (docs/imports.md, "Mapping files")'),
    dryRun: z.boolean().default(false),
    files: z.array(z.strictObject({ name: FILE_NAME, contentBase64: z.string().min(1) })).min(1).max(50).describe('The files, each base64-encoded'),
  })
  .refine((body) => [body.source, body.mapping, body.customMapping].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of source, mapping and customMapping', path: ['source'],
  });
const shippedMappingSchema = z.object({ name: z.string(), description: z.string(), sourceSystem: z.string(), files: z.array(z.string()) });
const importResponseSchema = z.object({
  summary: z.unknown().describe('created / updated / unchanged / merged / rejected per file and per entity'),
  errors: z.array(z.object({ file: z.string(), line: z.number(), field: z.string(), value: z.string(), reason: z.string() })).describe(`The first ${ERRORS_IN_RESPONSE} rejected-row errors`),
});

export type ImportRoutesOptions = { resolveMerged?: MergeResolver };

/**
 * POST /imports (one CSV or JSON file as the body, answered when done), POST /imports/runs (files in a
 * JSON body, run in the background: the web app), GET /imports, GET /imports/:id (with progress),
 * GET /imports/:id/error-report, GET /imports/mappings.
 */
export function createImportRoutes(options: ImportRoutesOptions = {}): RoutePlugin {
  // Named, so a test can tell whether src/http/route-plugins.ts already mounts it.
  return async function importRoutePlugin(app) {
    // Its own scope, so the CSV body parser and the larger body limit apply to these routes only.
    await app.register(async (scoped) => registerImportRoutes(scoped as App, options));
  };
}

export const importRoutes: RoutePlugin = createImportRoutes();

function registerImportRoutes(app: App, options: ImportRoutesOptions): void {
  for (const type of ['text/csv', 'application/x-ndjson']) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT_BYTES }, (_request, body, done) => done(null, body));
  }
  app.post(
    '/imports',
    {
      bodyLimit: IMPORT_BODY_LIMIT_BYTES,
      config: { access, idempotent: false },
      schema: { tags, summary: 'Import one file (text/csv, or JSON) with a built-in source or a shipped mapping', querystring: importQuerySchema, response: { 200: importResponseSchema } },
    },
    async (request) => {
      const body = toBuffer(request.body);
      return importBody(request.ctx, request.query, body, options);
    },
  );
  app.get(
    '/imports',
    { config: { access }, schema: { tags, summary: 'Import runs, newest first (dry runs included)', querystring: pageQuerySchema.strict(), response: { 200: pageSchema(runSchema) } } },
    async (request) => listImportRuns(request.ctx, request.query),
  );
  app.get(
    '/imports/:id',
    { config: { access }, schema: { tags, summary: 'One import run with its summary', params: z.object({ id: z.string().min(1).max(100) }), response: { 200: runSchema } } },
    async (request) => {
      const run = await getImportRun(request.ctx, request.params.id);
      return { ...run, progress: findImportRunProgress(run.id), errorReportDownloadable: findErrorReportFile(run.errorReport) !== null };
    },
  );
  registerBackgroundRunRoutes(app, options);
}

function registerBackgroundRunRoutes(app: App, options: ImportRoutesOptions): void {
  app.get(
    '/imports/mappings',
    { config: { access }, schema: { tags, summary: 'The shipped mappings (mappings/*.json) and the built-in sources', response: { 200: z.object({ sources: z.array(z.string()), mappings: z.array(shippedMappingSchema) }) } } },
    async () => ({ sources: [...BUILT_IN_SOURCES], mappings: await listShippedMappings() }),
  );
  app.post(
    '/imports/runs',
    {
      bodyLimit: RUN_BODY_LIMIT_BYTES,
      config: { access, idempotent: false },
      schema: {
        tags, summary: 'Start an import of one or more files (a dry run or a real one) in the background; poll GET /imports/:id',
        body: startRunSchema, response: { 202: z.object({ runId: z.string() }) },
      },
    },
    async (request, reply) => {
      const { runId } = await startBackgroundRun(request.ctx, request.body, options);
      return reply.status(202).header('location', `/api/v1/imports/${runId}`).send({ runId });
    },
  );
  app.get(
    '/imports/:id/error-report',
    { config: { access }, schema: { tags, summary: 'The rejected rows of a run as CSV: file, line, field, value, reason', params: z.object({ id: z.string().min(1).max(100) }) } },
    async (request, reply) => {
      const run = await getImportRun(request.ctx, request.params.id);
      const file = findErrorReportFile(run.errorReport);
      if (file === null) throw notFound('error report of import run', run.id);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${run.id}-errors.csv"`)
        .send(fs.createReadStream(file));
    },
  );
}

async function startBackgroundRun(ctx: Ctx, body: z.output<typeof startRunSchema>, options: ImportRoutesOptions) {
  try {
    const mapping = compileImportMapping(
      body.source ? builtInMapping(body.source) : body.mapping ? await loadShippedMapping(body.mapping) : parseMapping(body.customMapping),
    );
    const source = body.source ?? (body.mapping ? `mapping:${body.mapping}` : `mapping:${mapping.mapping.name}`);
    const files = body.files.map((file) => bufferFile(file.name, Buffer.from(file.contentBase64, 'base64')));
    return await startImportRun(ctx, { mapping, source, files, dryRun: body.dryRun, resolveMerged: options.resolveMerged });
  } catch (error) {
    if (error instanceof MappingError) {
      const field = body.customMapping ? `body.customMapping${error.path ? `.${error.path}` : ''}` : body.mapping ? 'body.mapping' : 'body.source';
      throw new AppError('validation_failed', error.message, { fieldErrors: [{ field, message: error.message }] });
    }
    if (error instanceof ImportInputError) {
      throw new AppError('validation_failed', error.message, { fieldErrors: [{ field: 'body.files', message: error.message }] });
    }
    throw error;
  }
}

function toBuffer(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  if (body !== undefined && body !== null) return Buffer.from(JSON.stringify(body), 'utf8');
  throw new AppError('malformed_request', 'The body is empty; send the file as text/csv (or JSON)');
}

async function importBody(ctx: Ctx, query: z.output<typeof importQuerySchema>, body: Buffer, options: ImportRoutesOptions) {
  try {
    const mapping = compileImportMapping(query.source ? builtInMapping(query.source) : await loadShippedMapping(query.mapping ?? ''));
    const errors = memoryErrorSink(ERRORS_IN_RESPONSE);
    const summary = await runImport(ctx, {
      mapping, source: query.source ?? `mapping:${query.mapping}`, files: [bufferFile(query.file, body)], dryRun: query.dryRun === 'true', errors,
      ...(options.resolveMerged ? { resolveMerged: options.resolveMerged } : {}),
    });
    return { summary, errors: errors.errors };
  } catch (error) {
    if (error instanceof MappingError || error instanceof ImportInputError) {
      throw new AppError('validation_failed', error.message, { fieldErrors: [{ field: error instanceof MappingError ? 'querystring.mapping' : 'querystring.file', message: error.message }] });
    }
    throw error;
  }
}

import { z } from 'zod';

/** What to read: a folder (or one file) of CSV, JSON and NDJSON files. */
export const fileConfigSchema = z.strictObject({
  path: z.string().min(1).meta({
    description: "The folder to read (or a single file). Relative to the tenant's file area when the runtime confines file sources to one; its files are read in name order",
    examples: ['drops/orders'],
  }),
  format: z
    .enum(['auto', 'csv', 'json', 'ndjson'])
    .default('auto')
    .meta({ description: 'Which files to read: auto takes .csv, .json (an array of objects) and .ndjson/.jsonl by their extension; a named format takes only its own extensions. Other files (e.g. .part while being written) are left alone', examples: ['csv'] }),
  recursive: z.boolean().default(false).meta({ description: 'Also read the files of subfolders', examples: [true] }),
  encoding: z.enum(['utf-8', 'windows-1252']).default('utf-8').meta({
    description:
      "The files' text encoding. utf-8: bytes UTF-8 does not allow (a binary file, a Latin-1 export) are an invalid row that ends the file, never replaced silently; windows-1252: Latin-1 and Windows exports, where every byte is a character",
    examples: ['windows-1252'],
  }),
  csv: z
    .strictObject({
      delimiter: z.string().length(1).default(',').meta({ description: 'Field delimiter', examples: [';'] }),
      quote: z.string().length(1).default('"').meta({ description: 'Quote character; inside a quoted field it is written twice', examples: ['"'] }),
      header: z.boolean().default(true).meta({ description: 'The first row names the columns; without it, `columns` does', examples: [true] }),
      columns: z.array(z.string().min(1)).optional().meta({ description: 'Column names when the files have no header row', examples: [['order_id', 'total', 'currency']] }),
      nullValues: z.array(z.string()).default(['']).meta({ description: 'Field texts read as null', examples: [['', 'NULL', 'n/a']] }),
    })
    .default({ delimiter: ',', quote: '"', header: true, nullValues: [''] })
    .meta({ description: 'How CSV files are written', examples: [{ delimiter: ';', header: true }] }),
  maxRowBytes: z
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024)
    .meta({ description: 'Longest row (in characters): a longer one, usually an unclosed quote, is an invalid row and reading resumes at the next line', examples: [1048576] }),
  sampleRows: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(1000)
    .meta({ description: 'JSON rows sampled to infer the schema (CSV columns come from the headers); a field first seen later is an invalid row naming it', examples: [10000] }),
}).superRefine((config, ctx) => {
  if (!config.csv.header && !config.csv.columns) ctx.addIssue({ code: 'custom', path: ['csv', 'columns'], message: 'without a header row, csv.columns must name the columns' });
});

/** A file source needs no secret: the runtime decides which folders it may read (ConnectorContext.fileRoot). */
export const fileSecretsSchema = z.strictObject({}).meta({ description: 'No secret: the runtime confines file sources to the tenant\'s folder' });

export type FileConfig = z.output<typeof fileConfigSchema>;
export type FileSecrets = z.output<typeof fileSecretsSchema>;

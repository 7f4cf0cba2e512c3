/**
 * `npx region-report …` (issue 14 §1): what a regional report builder or a municipal system runs on a schedule.
 *   run <name> --manifest <file>          a persisted operation of a manifest → CSV or JSON
 *   report <savedReportId>                a saved analytics report → CSV, XLSX (the server's file) or JSON
 *   changes <feed> <entity> --state <f>   the change feed since the cursor kept in the state file → appended
 * A token comes from --token (or REGION_TOKEN), or for a service account from --client-id and --token-url.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { follow, type Feed } from './feed.ts';
import { GatewayError, runOperation, serviceToken, type Connection } from './gateway.ts';
import { render, type Format } from './output.ts';

interface ConnectionOptions {
  gateway: string;
  token?: string;
  clientId?: string;
  tokenUrl: string;
}

function json(value: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new InvalidArgumentError('ожидается JSON-объект, например {"schoolYear": 2026}');
}

async function connect(options: ConnectionOptions, env: NodeJS.ProcessEnv): Promise<Connection> {
  const token =
    options.token ??
    env['REGION_TOKEN'] ??
    (options.clientId ? await serviceToken(options.tokenUrl, options.clientId) : undefined);
  if (!token) throw new GatewayError('UNAUTHENTICATED', 'нужен --token (или REGION_TOKEN) либо --client-id');
  return { gatewayUrl: options.gateway, token };
}

async function write(output: string | undefined, content: string | Buffer, stdout: (text: string) => void) {
  if (output) await writeFile(output, content);
  else stdout(typeof content === 'string' ? content : content.toString('base64'));
}

const SAVED_REPORT_FILE = /* GraphQL */ `
  query SavedReportFile($id: ID!, $format: ReportFileFormat!) {
    savedReport(id: $id) {
      title
      file(format: $format) {
        filename
        contentBase64
      }
    }
  }
`;
const SAVED_REPORT_TABLE = /* GraphQL */ `
  query SavedReportTable($id: ID!) {
    savedReport(id: $id) {
      title
      table {
        columns {
          id
          title
        }
        rows {
          cells {
            key
            label
            value
            suppressed
          }
        }
      }
    }
  }
`;

export function program(io: { stdout: (text: string) => void; env: NodeJS.ProcessEnv }): Command {
  const command = new Command('region-report')
    .description('Отчёты и выгрузки платформы для планировщика: сохранённые операции, отчёты, лента изменений.')
    .option('--gateway <url>', 'адрес GraphQL шлюза', io.env['REGION_GATEWAY_URL'] ?? 'http://localhost:4000/graphql')
    .option('--token <token>', 'токен пользователя или внешней системы (или REGION_TOKEN)')
    .option('--client-id <id>', 'client_id внешней системы: токен берётся у сервера авторизации')
    .option('--token-url <url>', 'выдача токена внешней системе', 'http://localhost:4010/dev/service-token')
    .exitOverride();
  const format = (formats: string[]) =>
    new Option('-f, --format <format>', 'формат').choices(formats).default(formats[0]);

  command
    .command('run')
    .description('выполнить сохранённую операцию из манифеста (по хешу; с токеном пользователя — с текстом)')
    .argument('<name>', 'имя операции в манифесте')
    .requiredOption('-m, --manifest <file>', 'манифест apollo-persisted-query-manifest')
    .option('-v, --variables <json>', 'переменные операции', json, {})
    .addOption(format(['csv', 'json']))
    .option('-o, --output <file>', 'файл результата (по умолчанию — стандартный вывод)')
    .action(
      async (
        name: string,
        options: { manifest: string; variables: Record<string, unknown>; format: Format; output?: string },
      ) => {
        const manifest = JSON.parse(await readFile(options.manifest, 'utf8')) as {
          operations: { name: string; body: string }[];
        };
        const operation = manifest.operations.find((entry) => entry.name === name);
        if (!operation) throw new GatewayError('BAD_USER_INPUT', `в манифесте нет операции ${name}`);
        const data = await runOperation(await connect(command.opts(), io.env), operation, options.variables);
        await write(options.output, render(data, options.format), io.stdout);
      },
    );

  command
    .command('report')
    .description('сохранённый отчёт конструктора: файл сервера (CSV, XLSX — с «к» и примечанием) или JSON')
    .argument('<id>', 'идентификатор сохранённого отчёта')
    .addOption(format(['csv', 'xlsx', 'json']))
    .option('-o, --output <file>', 'файл результата')
    .action(async (id: string, options: { format: 'csv' | 'xlsx' | 'json'; output?: string }) => {
      const connection = await connect(command.opts(), io.env);
      if (options.format === 'json') {
        const data = await runOperation(connection, { body: SAVED_REPORT_TABLE, name: 'SavedReportTable' }, { id });
        await write(options.output, render(data, 'json'), io.stdout);
        return;
      }
      const data = await runOperation(
        connection,
        { body: SAVED_REPORT_FILE, name: 'SavedReportFile' },
        {
          id,
          format: options.format.toUpperCase(),
        },
      );
      const report = data['savedReport'] as { file: { filename: string; contentBase64: string } } | null;
      if (!report) throw new GatewayError('NOT_FOUND', 'сохранённый отчёт не найден');
      await write(options.output ?? report.file.filename, Buffer.from(report.file.contentBase64, 'base64'), io.stdout);
    });

  command
    .command('changes')
    .description('лента изменений с сохранённого курсора: дописывает изменения в файл и сохраняет новый курсор')
    .addArgument(
      new Argument('<feed>', 'лента подграфа').choices(['people', 'learning', 'admissions', 'extra-education']),
    )
    .argument(
      '<entity>',
      'сущность: PERSON, ORGANIZATION, ENROLMENT, CLASS, CLASS_MEMBERSHIP, MARK, ATTENDANCE, APPLICATION',
    )
    .requiredOption('-s, --state <file>', 'файл с курсором (создаётся при первом запуске)')
    .requiredOption('-o, --output <file>', 'файл, в который дописываются изменения')
    .addOption(format(['json', 'csv']))
    .action(async (feed: Feed, entity: string, options: { state: string; output: string; format: Format }) => {
      const result = await follow(await connect(command.opts(), io.env), {
        feed,
        entity,
        stateFile: options.state,
        output: options.output,
        format: options.format,
      });
      io.stdout(`${result.written} изменений, курсор ${result.cursor}\n`);
    });
  return command;
}

/** Runs the command line; the exit code: 0, or 1 with the refusal's code and message on stderr. */
export async function main(
  argv: string[],
  io = { stdout: (text: string) => void process.stdout.write(text), env: process.env },
) {
  try {
    await program(io).parseAsync(argv);
    return 0;
  } catch (error) {
    if (error && typeof error === 'object' && 'exitCode' in error && typeof error.exitCode === 'number')
      return error.exitCode;
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

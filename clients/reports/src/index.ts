export { main, program } from './cli.ts';
export { follow, feedOperation, readCursor, type Feed } from './feed.ts';
export { runOperation, serviceToken, GatewayError, type Connection } from './gateway.ts';
export { render, rowsOf, toCsv } from './output.ts';

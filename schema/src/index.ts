export * from './access.ts';
export * from './identifiers.ts';
export * from './sdl.ts';
export * from './subgraphs.ts';
export * from './personal-data.ts';
export * from './enums.ts';

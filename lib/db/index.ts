// The only way server code reaches the database. Components never import from here directly;
// pages and server actions do.
export { prisma, isDatabaseUnreachable } from './client';
export * from './users';
export * from './attempts';
export * from './progress';

/**
 * Imported first by the bench: libraries read NODE_ENV once, when they load (graphql-js, for
 * one, runs extra development checks on every field otherwise). The API under test runs as it is
 * deployed (Dockerfile and docker-compose set NODE_ENV=production), whatever the shell says.
 */
process.env.NODE_ENV = 'production';

export {};

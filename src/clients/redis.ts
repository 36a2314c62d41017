// Entry point of dist/clients/redis.js, loaded on the first redis-cli command.
export { Redis, Cluster } from 'ioredis';

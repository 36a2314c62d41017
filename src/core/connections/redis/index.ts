// Redis servers as redis-cli reaches them, shared by redis-cli cells and the
// health view: URLs (-u, REDIS_URL, REDIS_CLUSTER_URL), host mappings, AUTH.

export { ConnectError, connectMessage, dialAddress, open, serverFromEnv, type RedisConnection, type RedisSettings } from './open';
export { hitRate, infoField, infoMemory, infoStats } from './info';
export { parseRedisUrl, RedisUrlError, type RedisUrl } from './url';

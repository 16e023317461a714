export { startReader, rpcUrlOf, type Reader, type ReaderOptions } from './startReader.js';
export { spawnReader, type SpawnedReader } from './spawnReader.js';
export { httpRpc, NodeClient, RpcError, type RpcCall } from './node/nodeRpc.js';
export { Replica, type Cursor, type NodeVerdict } from './replica/Replica.js';
export { Follower, type FollowerHealth, type ProcessedEvent } from './replica/Follower.js';
export { VerificationError, DivergedHistoryError } from './replica/VerificationError.js';
export { typeDefs } from './graphql/typeDefs.js';

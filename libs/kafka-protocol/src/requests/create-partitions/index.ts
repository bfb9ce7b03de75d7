import { defineApi } from '../../api';
import type { CreatePartitionsRequest, CreatePartitionsResponse } from './types';
import { decode as decodeV0 } from './v0/request';
import { encode as encodeV0 } from './v0/response';

export * from './types';

/** v1 keeps v0's layout (KIP-219 throttling only). */
export const createPartitions = defineApi<CreatePartitionsRequest, CreatePartitionsResponse>(37, 'CreatePartitions', {
  0: { decodeRequest: decodeV0, encodeResponse: encodeV0 },
  1: { decodeRequest: decodeV0, encodeResponse: encodeV0 },
});

import { defineApi } from '../../api';
import type { DeleteGroupsRequest, DeleteGroupsResponse } from './types';
import { decode as decodeV0 } from './v0/request';
import { encode as encodeV0 } from './v0/response';

export * from './types';

/** v1 keeps v0's layout; it only answers before throttling (KIP-219). */
export const deleteGroups = defineApi<DeleteGroupsRequest, DeleteGroupsResponse>(42, 'DeleteGroups', {
  0: { decodeRequest: decodeV0, encodeResponse: encodeV0 },
  1: { decodeRequest: decodeV0, encodeResponse: encodeV0 },
});

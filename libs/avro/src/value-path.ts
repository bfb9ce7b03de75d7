import { Type, types } from 'avsc';

/**
 * avsc reports where a value is invalid as bare segments (['lines', '2', 'unitPrice']); walking the
 * type along them tells array indices and map keys from field names: `lines[2].unitPrice`.
 */
export function formatValuePath(type: Type, segments: readonly string[]): string {
  let path = '';
  let current: Type | undefined = type;
  for (const segment of segments) {
    while (current !== undefined && Type.isType(current, 'union', 'logical')) {
      current = Type.isType(current, 'logical')
        ? (current as types.LogicalType).underlyingType
        : (current as types.UnwrappedUnionType).types.find((branch) => !Type.isType(branch, 'null'));
    }
    if (current !== undefined && Type.isType(current, 'array')) {
      path += `[${segment}]`;
      current = (current as types.ArrayType).itemsType;
    } else if (current !== undefined && Type.isType(current, 'map')) {
      path += `[${JSON.stringify(segment)}]`;
      current = (current as types.MapType).valuesType;
    } else {
      path += path ? `.${segment}` : segment;
      current = current !== undefined && Type.isType(current, 'record', 'error') ? (current as types.RecordType).field(segment)?.type : undefined;
    }
  }
  return path;
}

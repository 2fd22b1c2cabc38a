package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.sipcredentials.dynamodb.expr.Condition;
import dev.sipcredentials.dynamodb.expr.KeyCondition;
import dev.sipcredentials.dynamodb.expr.KeyConditionShape;
import dev.sipcredentials.dynamodb.expr.Projection;
import dev.sipcredentials.dynamodb.expr.Values;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

/**
 * Query and Scan, on a table or a GSI: pages of at most Limit items read or 1 MB, whichever comes first, and a
 * LastEvaluatedKey when the page stopped at its Limit or its 1 MB. Reads see each item atomically but no snapshot of the whole (as on
 * DynamoDB).
 */
final class QueryScanOperations {
    static final int MAX_PAGE_BYTES = 1024 * 1024;

    private final OperationContext context;

    QueryScanOperations(OperationContext context) {
        this.context = context;
    }

    /** What a Query or Scan request asks, common to both. */
    private static final class PageRequest {
        String tableName;
        String indexName;
        Table table;
        IndexDefinition index;
        Condition filter;
        Projection projection;
        Set<String> attributesToGet;
        String select;
        Integer limit;
        boolean strong;
        Capacity capacity;
        /** Read units of the items a local index fetched from its table (charged to the table). */
        double tableFetchUnits;
    }

    /** What needs no table; {@link #resolveTable} then looks the table (and index) up. */
    private PageRequest common(JsonNode request, String operation) {
        PageRequest p = new PageRequest();
        String tableName = Request.tableName(request);
        String indexName = Request.string(request, "IndexName");
        p.limit = Request.integer(request, "Limit");
        if (p.limit != null && p.limit < 1) {
            throw Request.constraint(p.limit, "limit", "Member must have value greater than or equal to 1");
        }
        Boolean consistent = Request.bool(request, "ConsistentRead");
        p.strong = consistent != null && consistent;
        p.select = Request.choice(request, "Select", null, "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES",
                "SPECIFIC_ATTRIBUTES", "COUNT");
        if ("ALL_PROJECTED_ATTRIBUTES".equals(p.select) && indexName == null) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Select type "
                    + "ALL_PROJECTED_ATTRIBUTES is supported only when " + operation + "ing using an IndexName");
        }
        p.capacity = Capacity.of(request);
        p.tableName = tableName;
        p.indexName = indexName;
        return p;
    }

    /** After the checks that need no table: the table and index, and the checks that need them. */
    private void resolveTable(PageRequest p) {
        p.table = context.table(p.tableName);
        if (p.indexName != null) {
            p.index = p.table.def.index(p.indexName);
            if (p.index == null) {
                throw DynamoDbException.validation("The table does not have the specified index: " + p.indexName);
            }
        }
        if (p.strong && p.index != null && !p.index.local) {
            throw DynamoDbException.validation("Consistent reads are not supported on global secondary indexes");
        }
        if ("ALL_ATTRIBUTES".equals(p.select) && p.index != null && !p.index.projectsAll() && !p.index.local) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is "
                    + "not supported for global secondary index " + p.index.name + " because its projection type is not ALL");
        }
    }

    private static void checkSelectWithProjection(PageRequest p) {
        boolean projecting = p.projection != null || p.attributesToGet != null;
        if (projecting && p.select != null && !p.select.equals("SPECIFIC_ATTRIBUTES")) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Cannot specify the "
                    + (p.projection != null ? "ProjectionExpression" : "AttributesToGet") + " when choosing to get "
                    + p.select);
        }
        if ("SPECIFIC_ATTRIBUTES".equals(p.select) && !projecting) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Select type "
                    + "SPECIFIC_ATTRIBUTES requires a ProjectionExpression or AttributesToGet");
        }
    }

    /**
     * DynamoDB refuses a projection or filter reaching into a key attribute, and a Query's filter naming the key it
     * queries by (the key condition's attributes belong in KeyConditionExpression).
     */
    private static void checkKeyPaths(PageRequest p, KeyAttribute queriedHash, KeyAttribute queriedRange) {
        if (p.projection != null) {
            p.table.def.checkScalarKeyPaths(p.projection.nestedTopLevelAttributes());
        }
        if (p.filter == null) {
            return;
        }
        for (KeyAttribute k : new KeyAttribute[] {queriedHash, queriedRange}) {
            if (k != null && p.filter.topLevelAttributes().contains(k.name)) {
                throw DynamoDbException.validation("Filter Expression can only contain non-primary key attributes: "
                        + "Primary key attribute: " + k.name);
            }
        }
        p.table.def.checkScalarKeyPaths(p.filter.nestedTopLevelAttributes());
    }

    ObjectNode query(JsonNode request) {
        LegacyParameters.refuseMixing(request, List.of("ProjectionExpression", "FilterExpression", "KeyConditionExpression"),
                List.of("AttributesToGet", "QueryFilter", "ConditionalOperator", "KeyConditions"));
        RequestExpressions.refuseWithoutExpressions(request, ": FilterExpression and KeyConditionExpression are null",
                "KeyConditionExpression", "FilterExpression", "ProjectionExpression");
        LegacyParameters.checkConditions(request, "QueryFilter");
        PageRequest p = common(request, "Query");
        p.attributesToGet = ItemOperations.attributesToGet(request, null); // mixed with a projection: refused above
        checkStartKeyValues(request);
        LegacyParameters.checkKeyConditions(request);
        String keyExpression = Request.string(request, "KeyConditionExpression");
        if (keyExpression == null && Request.field(request, "KeyConditions") == null) {
            throw DynamoDbException.validation(
                    "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        RequestExpressions expressions = RequestExpressions.of(request);
        // DynamoDB reads the key condition and checks its shape before the table; it binds it to the key schema after
        KeyConditionShape keyShape = keyExpression == null ? null : expressions.keyConditionShape(keyExpression);
        p.filter = expressions.condition(request, "FilterExpression");
        p.projection = expressions.projection(request);
        expressions.finish();
        if (keyShape != null) {
            keyShape.checkShape();
        }
        checkSelectWithProjection(p);
        resolveTable(p);
        KeyAttribute hash = p.index == null ? p.table.def.hash : p.index.hash;
        KeyAttribute range = p.index == null ? p.table.def.range : p.index.range;
        StoreKey start = queryStartKey(request, p); // DynamoDB checks it against the key schema before the condition
        KeyCondition keyCondition = keyShape == null ? null : keyShape.bind(hash.name, String.valueOf(hash.type),
                range == null ? null : range.name, range == null ? null : String.valueOf(range.type));
        if (keyCondition == null) {
            keyCondition = LegacyParameters.keyConditions(request, hash, range);
        }
        if (p.filter == null) {
            p.filter = LegacyParameters.filter(request, "QueryFilter",
                    range == null ? Set.of(hash.name) : Set.of(hash.name, range.name));
        }
        checkKeyPaths(p, hash, range);
        Boolean forwardParam = Request.bool(request, "ScanIndexForward");
        boolean forward = forwardParam == null || forwardParam;

        KeyValue hashValue = RangeCondition.value(keyCondition.hashValue(), hash);
        RangeCondition rangeCondition = RangeCondition.of(keyCondition, range);
        int token = hashValue.token();
        StoreKey low;
        StoreKey high;
        if (range == null) {
            low = new StoreKey(token, hashValue, null, null);
            high = new StoreKey(token, hashValue, null, p.index == null ? null : StoreKey.HIGHEST_BASE);
        } else {
            low = new StoreKey(token, hashValue, rangeCondition.lower(), null);
            high = new StoreKey(token, hashValue, rangeCondition.upper(), p.index == null ? null : StoreKey.HIGHEST_BASE);
        }
        NavigableMap<StoreKey, StoredItem> view = source(p).subMap(low, true, high, true);
        if (start != null) {
            if (start.token != token || !start.hash.equals(hashValue)) {
                throw DynamoDbException.validation("The provided starting key is outside query boundaries based on provided "
                        + "conditions");
            }
            if (rangeCondition.operator != null && (start.range == null || !rangeCondition.matches(start.range))) {
                throw DynamoDbException.validation("The provided starting key does not match the range key predicate");
            }
            try {
                view = forward ? view.tailMap(start, false) : view.headMap(start, false);
            } catch (IllegalArgumentException outsideTheRange) {
                throw DynamoDbException.validation("The provided starting key does not match the range key predicate");
            }
        }
        if (!forward) {
            view = view.descendingMap();
        }
        double[] bytesRead = new double[1];
        ObjectNode response = page(p, view, rangeCondition, forward, bytesRead);
        double units = Capacity.readUnits((long) bytesRead[0], p.strong);
        context.throughput.charges().read(p.table.name(), p.index == null ? null : p.index.name, hashValue, units).take();
        chargeCapacity(p, units);
        p.capacity.addTo(response, p.table.name());
        return response;
    }

    ObjectNode scan(JsonNode request) {
        LegacyParameters.refuseMixing(request, List.of("ProjectionExpression", "FilterExpression"),
                List.of("AttributesToGet", "ScanFilter", "ConditionalOperator"));
        RequestExpressions.refuseWithoutExpressions(request, ": FilterExpression is null",
                "FilterExpression", "ProjectionExpression");
        PageRequest p = common(request, "Scan");
        // DynamoDB's order for a Scan: AttributesToGet, ScanFilter, ExclusiveStartKey, segments, then expressions
        p.attributesToGet = ItemOperations.attributesToGet(request, null); // mixed with a projection: refused above
        Condition scanFilter = LegacyParameters.filter(request, "ScanFilter", Set.of());
        checkStartKeyValues(request);
        Integer segment = Request.integer(request, "Segment");
        Integer totalSegments = Request.integer(request, "TotalSegments");
        checkSegments(segment, totalSegments);
        RequestExpressions expressions = RequestExpressions.of(request);
        p.filter = expressions.condition(request, "FilterExpression");
        p.projection = expressions.projection(request);
        expressions.finish();
        if (p.filter == null) {
            p.filter = scanFilter;
        }
        checkSelectWithProjection(p);
        resolveTable(p);
        checkKeyPaths(p, null, null);
        NavigableMap<StoreKey, StoredItem> view = source(p);
        if (segment != null || totalSegments != null) {
            // segments are contiguous ranges of partition tokens
            long span = (1L << 31) / totalSegments + 1;
            int from = (int) Math.min(Integer.MAX_VALUE, segment * span);
            long to = Math.min(1L << 31, (segment + 1) * span);
            StoreKey low = new StoreKey(from, KeyValue.LOWEST, null, null);
            view = to >= (1L << 31) ? view.tailMap(low, true)
                    : view.subMap(low, true, new StoreKey((int) to, KeyValue.LOWEST, null, null), false);
        }
        StoreKey start = exclusiveStartKey(request, p);
        if (start != null) {
            view = view.tailMap(start, false);
        }
        double[] bytesRead = new double[1];
        ObjectNode response = page(p, view, null, true, bytesRead);
        double units = Capacity.readUnits((long) bytesRead[0], p.strong);
        chargeCapacity(p, units);
        p.capacity.addTo(response, p.table.name());
        return response;
    }

    /**
     * The ExclusiveStartKey's attribute values, checked before the table is looked up. DynamoDB puts "The provided
     * starting key is invalid: " before some of the value texts and not before others (sets of numbers, duplicates,
     * numbers); this follows it.
     */
    private static void checkStartKeyValues(JsonNode request) {
        Map<String, JsonNode> esk = Request.attributes(request, "ExclusiveStartKey");
        if (esk == null) {
            return;
        }
        try {
            Values.validateItem(esk);
        } catch (DynamoDbException e) {
            String m = e.getMessage();
            if (DynamoDbException.VALIDATION.equals(e.type()) && m != null && (m.startsWith("Supplied AttributeValue")
                    || m.endsWith("Null attribute value types must have the value of true")
                    || m.endsWith("An string set  may not be empty") || m.endsWith("Binary sets should not be empty"))) {
                throw DynamoDbException.validation("The provided starting key is invalid: " + m);
            }
            throw e;
        }
    }

    private static void checkSegments(Integer segment, Integer totalSegments) {
        if (segment == null && totalSegments == null) {
            return;
        }
        if (segment == null) {
            throw DynamoDbException.validation("The Segment parameter is required but was not present in the request "
                    + "when parameter TotalSegments is present");
        }
        if (totalSegments == null) {
            throw DynamoDbException.validation("The TotalSegments parameter is required but was not present in the "
                    + "request when Segment parameter is present");
        }
        if (totalSegments < 1 || totalSegments > 1000000) {
            throw Request.constraint(totalSegments, "totalSegments", "Member must have value less than or equal to 1000000");
        }
        if (segment < 0 || segment >= totalSegments) {
            throw DynamoDbException.validation("The Segment parameter is zero-based and must be less than parameter "
                    + "TotalSegments: Segment: " + segment + " is not less than TotalSegments: " + totalSegments);
        }
    }

    private static void chargeCapacity(PageRequest p, double units) {
        if (p.tableFetchUnits > 0) {
            p.capacity.table(p.table.name(), p.tableFetchUnits);
        }
        if (p.index == null) {
            p.capacity.table(p.table.name(), units);
        } else {
            p.capacity.index(p.table.name(), p.index, units);
        }
    }

    private static NavigableMap<StoreKey, StoredItem> source(PageRequest p) {
        if (p.index == null) {
            return p.table.items;
        }
        NavigableMap<StoreKey, StoredItem> entries = p.table.indexItems.get(p.index.name);
        if (entries == null) { // deleted by an UpdateTable since this request looked it up
            throw DynamoDbException.validation("The table does not have the specified index: " + p.index.name);
        }
        return entries;
    }

    /**
     * A Query's ExclusiveStartKey against the key schema, in DynamoDB's order: another number of attributes than the
     * table's key (and the index's) is "The provided starting key is invalid"; then a key attribute of the wrong type
     * is "The provided key element does not match the schema"; then other names are "The provided starting key is
     * invalid" again.
     */
    private static StoreKey queryStartKey(JsonNode request, PageRequest p) {
        Map<String, JsonNode> esk = Request.attributes(request, "ExclusiveStartKey");
        if (esk == null) {
            return null;
        }
        java.util.List<KeyAttribute> keys = new java.util.ArrayList<>(p.table.def.keys());
        if (p.index != null) {
            for (KeyAttribute k : p.index.keys()) {
                if (!p.table.def.isKeyAttribute(k.name)) {
                    keys.add(k);
                }
            }
        }
        if (esk.size() != keys.size()) {
            throw DynamoDbException.validation("The provided starting key is invalid");
        }
        for (KeyAttribute k : keys) {
            JsonNode v = esk.get(k.name);
            if (v != null && !Table.typeOf(v).equals(String.valueOf(k.type))) {
                throw DynamoDbException.validation("The provided key element does not match the schema");
            }
        }
        if (!esk.keySet().containsAll(keyNames(keys))) {
            throw DynamoDbException.validation("The provided starting key is invalid");
        }
        return exclusiveStartKey(request, p);
    }

    /** The ExclusiveStartKey as a map key: the table's key, and for an index also the index's key attributes. */
    private static StoreKey exclusiveStartKey(JsonNode request, PageRequest p) {
        Map<String, JsonNode> esk = Request.attributes(request, "ExclusiveStartKey");
        if (esk == null) {
            return null;
        }
        if (p.index == null) {
            return p.table.keyOfKey(esk);
        }
        int expected = p.table.def.keys().size();
        for (KeyAttribute k : p.index.keys()) {
            if (!p.table.def.isKeyAttribute(k.name)) {
                expected++;
            }
        }
        if (esk.size() != expected) {
            throw DynamoDbException.validation("The provided starting key is invalid: The provided key element does not "
                    + "match the schema");
        }
        StoreKey base;
        try {
            base = p.table.keyOfKey(OperationContext.only(esk, keyNames(p.table.def.keys())));
        } catch (DynamoDbException e) {
            throw DynamoDbException.validation("The provided starting key is invalid: " + e.getMessage());
        }
        StoreKey indexKey = Table.indexKey(p.index, esk, base);
        if (indexKey == null) {
            throw DynamoDbException.validation("The provided starting key is invalid: The provided key element does not "
                    + "match the schema");
        }
        return indexKey;
    }

    private static Set<String> keyNames(java.util.List<KeyAttribute> keys) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        keys.forEach(k -> names.add(k.name));
        return names;
    }

    private ObjectNode page(PageRequest p, NavigableMap<StoreKey, StoredItem> view, RangeCondition range,
            boolean forward, double[] bytesRead) {
        ObjectNode response = OperationContext.object();
        boolean count = "COUNT".equals(p.select);
        ArrayNode items = count ? null : response.putArray("Items");
        boolean raw = p.index == null || p.index.projectsAll();
        raw = raw && p.filter == null && p.projection == null && p.attributesToGet == null;
        int matched = 0;
        int scanned = 0;
        long bytes = 0;
        long indexBytes = 0; // correction for a local index fetching from its table
        StoreKey last = null;
        boolean more = false;
        Iterator<Map.Entry<StoreKey, StoredItem>> it = view.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<StoreKey, StoredItem> e = it.next();
            StoreKey key = e.getKey();
            if (range != null && range.operator != null) {
                if (!range.matches(key.range)) {
                    if (forward && range.pastUpwards(key.range)) {
                        break;
                    }
                    continue;
                }
            }
            StoredItem item = e.getValue();
            if (scanned > 0 && bytes + item.size > MAX_PAGE_BYTES) {
                more = true;
                break;
            }
            scanned++;
            bytes += item.size;
            last = key;
            if (raw) {
                matched++;
                if (!count) {
                    items.addRawValue(new RawValue(new String(item.json, StandardCharsets.UTF_8)));
                }
            } else {
                Map<String, JsonNode> attributes = item.attributes();
                // a local index fetches what it does not project from the table (a filter sees the whole item)
                boolean fetchFromTable = p.index != null && p.index.local && !p.index.projectsAll()
                        && (p.filter != null || p.projection != null || p.attributesToGet != null
                        || "ALL_ATTRIBUTES".equals(p.select));
                if (fetchFromTable) { // the index read costs its projection; each fetch costs the table
                    indexBytes += Values.itemSize(p.index.project(attributes, p.table.def)) - item.size;
                    p.tableFetchUnits += Capacity.readUnits(item.size, p.strong);
                }
                if (p.index != null && !fetchFromTable) {
                    attributes = p.index.project(attributes, p.table.def);
                }
                if (p.filter == null || p.filter.test(attributes)) {
                    matched++;
                    if (!count) {
                        if (fetchFromTable && p.projection == null && p.attributesToGet == null
                                && !"ALL_ATTRIBUTES".equals(p.select)) {
                            attributes = p.index.project(attributes, p.table.def);
                        }
                        if (p.projection != null) {
                            attributes = p.projection.apply(attributes);
                        } else if (p.attributesToGet != null) {
                            attributes = OperationContext.only(attributes, p.attributesToGet);
                        }
                        items.add(ItemJson.toNode(attributes));
                    }
                }
            }
            if (p.limit != null && scanned >= p.limit) {
                // As DynamoDB: a page that stops at its Limit carries a LastEvaluatedKey even when nothing follows.
                more = true;
                break;
            }
        }
        response.put("Count", matched);
        response.put("ScannedCount", scanned);
        if (more && last != null) {
            response.set("LastEvaluatedKey", lastEvaluatedKey(p, last));
        }
        bytesRead[0] = bytes + indexBytes;
        return response;
    }

    private static ObjectNode lastEvaluatedKey(PageRequest p, StoreKey last) {
        StoreKey base = p.index == null ? last : last.base;
        Map<String, JsonNode> key = p.table.keyAttributes(base);
        if (p.index != null) {
            key.put(p.index.hash.name, last.hash.toJson());
            if (p.index.range != null) {
                key.put(p.index.range.name, last.range.toJson());
            }
        }
        return ItemJson.toNode(key);
    }
}

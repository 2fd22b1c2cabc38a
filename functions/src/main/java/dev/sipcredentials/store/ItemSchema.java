package dev.sipcredentials.store;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link StaticImmutableTableSchema} for an item record, built in code: each attribute its name, its type (S, N or
 * B, through {@link ItemConverters} only) and the record's accessor; no bean introspection, no annotations, no
 * reflection at cold start. Reading fills {@link Fields} by attribute name, from which the record's constructor
 * takes its values: the one builder every item shares, instead of one hand-written builder per item.
 */
final class ItemSchema<R> {
    /** The request that last wrote an item (lost-response recognition: see the tables). */
    static final String WRITE_TOKEN = "writeToken";
    /** Who created the item and who last changed it (the same on a create), and when it was last changed. */
    static final String CREATED_BY = "createdBy";
    static final String UPDATED_BY = "updatedBy";
    static final String UPDATED_AT = "updatedAt";
    /** Recorded when the token named nobody (no sub, no client_id): an item's author is never left out silently. */
    static final String UNKNOWN_CALLER = "unknown";

    /** The attributes of an item being read, by name; absent ones are null. */
    static final class Fields {
        private final Map<String, Object> values = new HashMap<>();

        String s(String name) {
            return (String) values.get(name);
        }

        SdkBytes b(String name) {
            return (SdkBytes) values.get(name);
        }

        Integer n(String name) {
            return (Integer) values.get(name);
        }

        Long l(String name) {
            return (Long) values.get(name);
        }
    }

    private final StaticImmutableTableSchema.Builder<R, Fields> schema;

    private ItemSchema(Class<R> type, Function<Fields, R> build) {
        schema = StaticImmutableTableSchema.builder(type, Fields.class)
                .newItemBuilder(Fields::new, build)
                .attributeConverterProviders(ItemConverters.PROVIDER);
    }

    static <R> ItemSchema<R> of(Class<R> type, Function<Fields, R> build) {
        return new ItemSchema<>(type, build);
    }

    /** The table's key and the listing index's keys ({@value KeyScheme#LISTING_INDEX}). */
    ItemSchema<R> keys(Function<R, String> pk, Function<R, String> listPk, Function<R, String> listSk) {
        return s(KeyScheme.PK, pk, StaticAttributeTags.primaryPartitionKey())
                .s(KeyScheme.LIST_PK, listPk, StaticAttributeTags.secondaryPartitionKey(KeyScheme.LISTING_INDEX))
                .s(KeyScheme.LIST_SK, listSk, StaticAttributeTags.secondarySortKey(KeyScheme.LISTING_INDEX));
    }

    ItemSchema<R> s(String name, Function<R, String> getter, StaticAttributeTag... tags) {
        return add(String.class, ItemConverters.STRING, name, getter, tags);
    }

    ItemSchema<R> b(String name, Function<R, SdkBytes> getter) {
        return add(SdkBytes.class, ItemConverters.BINARY, name, getter);
    }

    ItemSchema<R> n(String name, Function<R, Integer> getter) {
        return add(Integer.class, ItemConverters.INTEGER, name, getter);
    }

    ItemSchema<R> l(String name, Function<R, Long> getter) {
        return add(Long.class, ItemConverters.LONG, name, getter);
    }

    StaticImmutableTableSchema<R, Fields> build() {
        return schema.build();
    }

    private <T> ItemSchema<R> add(Class<T> type, AttributeConverter<T> converter, String name, Function<R, T> getter,
                                  StaticAttributeTag... tags) {
        schema.addAttribute(type, a -> a.name(name).getter(getter).setter((fields, value) -> fields.values.put(name,
                value)).attributeConverter(converter).tags(tags));
        return this;
    }

    /** True when {@code item} (a failed condition's ALL_OLD) carries {@code writeToken}: our own earlier write. */
    static boolean writtenWith(Map<String, AttributeValue> item, String writeToken) {
        AttributeValue token = item == null ? null : item.get(WRITE_TOKEN);
        return token != null && writeToken.equals(token.s());
    }
}

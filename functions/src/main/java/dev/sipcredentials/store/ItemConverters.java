package dev.sipcredentials.store;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverterProvider;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.function.Function;

/**
 * The only attribute converters our item schemas use: S, N (int and long) and B, each writing exactly what the SDK's
 * own converters write, so every {@code StaticImmutableTableSchema} maps the same four types the same way and an
 * unexpected type fails loudly instead of being converted by some default. It does not spare class loading: in SDK
 * 2.54 the schema builder constructs the default provider (about 74 converter classes) before it is replaced.
 */
final class ItemConverters {
    static final AttributeConverter<String> STRING = converter(String.class, AttributeValueType.S,
            AttributeValue::fromS, AttributeValue::s);
    static final AttributeConverter<SdkBytes> BINARY = converter(SdkBytes.class, AttributeValueType.B,
            AttributeValue::fromB, AttributeValue::b);
    static final AttributeConverter<Integer> INTEGER = converter(Integer.class, AttributeValueType.N,
            value -> AttributeValue.fromN(Integer.toString(value)), value -> Integer.valueOf(value.n()));
    static final AttributeConverter<Long> LONG = converter(Long.class, AttributeValueType.N,
            value -> AttributeValue.fromN(Long.toString(value)), value -> Long.valueOf(value.n()));

    /** Resolves the four types above; any other is a mistake in a schema, found by its first use in a test. */
    static final AttributeConverterProvider PROVIDER = new AttributeConverterProvider() {
        @Override
        @SuppressWarnings("unchecked")
        public <T> AttributeConverter<T> converterFor(EnhancedType<T> type) {
            Class<?> raw = type.rawClass();
            if (raw == String.class) {
                return (AttributeConverter<T>) STRING;
            }
            if (raw == SdkBytes.class) {
                return (AttributeConverter<T>) BINARY;
            }
            if (raw == Integer.class) {
                return (AttributeConverter<T>) INTEGER;
            }
            if (raw == Long.class) {
                return (AttributeConverter<T>) LONG;
            }
            throw new IllegalStateException("no converter for " + type);
        }
    };

    private ItemConverters() {
    }

    private static <T> AttributeConverter<T> converter(Class<T> type, AttributeValueType valueType,
                                                       Function<T, AttributeValue> write,
                                                       Function<AttributeValue, T> read) {
        EnhancedType<T> enhancedType = EnhancedType.of(type);
        return new AttributeConverter<>() {
            @Override
            public AttributeValue transformFrom(T input) {
                return write.apply(input);
            }

            @Override
            public T transformTo(AttributeValue input) {
                return read.apply(input);
            }

            @Override
            public EnhancedType<T> type() {
                return enhancedType;
            }

            @Override
            public AttributeValueType attributeValueType() {
                return valueType;
            }
        };
    }
}

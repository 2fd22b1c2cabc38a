package dev.sipcredentials.dynamodb.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipcredentials.dynamodb.DynamoDbException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyConditionTest {
    static final String VALUES = "{':h':{'S':'h'}, ':a':{'S':'a'}, ':c':{'S':'c'}, ':n':{'N':'5'}, ':n9':{'N':'9'},"
            + " ':ss':{'SS':['x']}, ':b':{'B':'AQ=='}}";

    static KeyCondition parse(String expr, String range) {
        return new ExpressionContext(Json.names("{'#p':'pk', '#s':'sk'}"), Json.item(VALUES))
                .keyCondition(expr, "pk", range);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "pk = :h | null | ",
            "#p = :h | null | ",
            ":h = pk | null | ",
            "pk = :h AND sk = :a | EQ | {'S':'a'}",
            "sk = :a AND pk = :h | EQ | {'S':'a'}",
            "pk = :h AND sk < :a | LT | {'S':'a'}",
            "pk = :h AND sk <= :a | LE | {'S':'a'}",
            "pk = :h AND sk > :a | GT | {'S':'a'}",
            "pk = :h AND sk >= :a | GE | {'S':'a'}",
            "pk = :h AND :a < sk | GT | {'S':'a'}",
            "pk = :h AND :a >= #s | LE | {'S':'a'}",
            "pk = :h AND sk BETWEEN :a AND :c | BETWEEN | {'S':'a'} {'S':'c'}",
            "pk = :h AND begins_with(sk, :a) | BEGINS_WITH | {'S':'a'}",
            "(pk = :h) AND (sk = :a) | EQ | {'S':'a'}",
            "pk = :h and sk = :a | EQ | {'S':'a'}",
    })
    void parses(String expr, String op, String values) {
        KeyCondition k = parse(expr, "sk");
        assertThat(Json.text(java.util.Map.of("h", k.hashValue()))).isEqualTo("{'h':{'S':'h'}}");
        assertThat(String.valueOf(k.rangeOperator())).isEqualTo(op);
        StringBuilder b = new StringBuilder();
        for (var v : k.rangeValues()) {
            b.append(b.length() > 0 ? " " : "").append(v.toString().replace('"', '\''));
        }
        assertThat(b.toString()).isEqualTo(values == null ? "" : values);
    }

    @ParameterizedTest(name = "[{index}] {0} on {1}")
    @CsvSource(delimiter = '|', value = {
            "pk = :h | 'a' | true",
            "pk = :h AND sk = :a | 'a' | true",
            "pk = :h AND sk = :a | 'b' | false",
            "pk = :h AND sk < :c | 'b' | true",
            "pk = :h AND sk < :c | 'c' | false",
            "pk = :h AND sk <= :c | 'c' | true",
            "pk = :h AND sk > :a | 'a' | false",
            "pk = :h AND sk >= :a | 'a' | true",
            "pk = :h AND sk BETWEEN :a AND :c | 'a' | true",
            "pk = :h AND sk BETWEEN :a AND :c | 'c' | true",
            "pk = :h AND sk BETWEEN :a AND :c | 'ca' | false",
            "pk = :h AND begins_with(sk, :a) | 'abc' | true",
            "pk = :h AND begins_with(sk, :a) | 'ba' | false",
    })
    void matchesRange(String expr, String sk, boolean expected) {
        assertThat(parse(expr, "sk").rangeMatches(Json.value("{'S':'" + sk + "'}"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "pk = :h | 10 | true",
            "pk = :h AND sk < :n | 4 | true",
            "pk = :h AND sk < :n | 10 | false",
            "pk = :h AND sk BETWEEN :n AND :n9 | 9.0 | true",
    })
    void numericRange(String expr, String sk, boolean expected) {
        assertThat(parse(expr, "sk").rangeMatches(Json.value("{'N':'" + sk + "'}"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "pk = :h OR sk = :a | sk | Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: OR",
            "NOT pk = :h | sk | Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: NOT",
            "pk IN (:h) | sk | Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: IN",
            "pk <> :h | sk | Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: <>",
            "pk = :h AND attribute_exists(sk) | sk | Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: attribute_exists",
            "pk = :h AND attribute_not_exists(sk) | sk | Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: attribute_not_exists",
            "pk = :h AND contains(sk, :a) | sk | Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: contains",
            "pk = :h AND size(sk) = :n | sk | Invalid KeyConditionExpression: KeyConditionExpressions cannot contain nested operations",
            "pk = :h AND begins_with(:a, sk) | sk | Invalid KeyConditionExpression: Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand",
            "pk = :h AND :a BETWEEN sk AND :c | sk | Invalid KeyConditionExpression: Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand",
            "pk = sk | sk | Invalid KeyConditionExpression: Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
            "pk.x = :h | sk | Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested attributes",
            ":h = :a | sk | Invalid KeyConditionExpression: Invalid condition in KeyConditionExpression: No key attribute specified",
            "pk = :h AND pk = :a | sk | Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key",
            "pk = :h AND sk = :a AND x = :c | sk | Conditions can be of length 1 or 2 only",
            "pk = :h AND begins_with(sk, :n) | sk | Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N",
            "pk = :h AND sk < :ss | sk | One or more parameter values were invalid: ComparisonOperator LT is not valid for SS AttributeValue type",
            "sk = :a | sk | Query condition missed key schema element: pk",
            "x = :a | sk | Query condition missed key schema element: pk",
            "pk = :h AND x = :a | sk | Query condition missed key schema element: sk",
            "pk = :h AND sk = :a | null | Query key condition not supported",
            "pk < :h | sk | Query key condition not supported",
            "begins_with(pk, :h) | sk | Query key condition not supported",
            "pk = :h AND sk BETWEEN :c AND :a | sk | Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {S:c}, upper bound operand: AttributeValue: {S:a}",
            "pk = :h AND | sk | Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"",
            "pk = :nope | sk | Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :nope",
            "size(b) > a AND a.b > b AND b > c | sk | Invalid KeyConditionExpression: KeyConditionExpressions cannot contain nested operations",
            "a between sk and size(a) | sk | Invalid KeyConditionExpression: Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
            "b between c[1] and d | sk | Invalid KeyConditionExpression: Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
            "b.d > a AND c.d > e.f | sk | Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested attributes",
            "b[0] > :a | sk | Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested attributes",
            ":c > :a AND pk < :c | sk | Invalid KeyConditionExpression: Invalid condition in KeyConditionExpression: No key attribute specified",
            "(pk > :a and sk > :a) and (sk > :a and c > :a) | sk | Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key",
            "a > b and size(b) > c or a > c | sk | Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: OR",
            "a in (b, size(c), d) | sk | Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: IN",
            "attribute_type(a, b) | sk | Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}",
            "pk > 4 | sk | Invalid KeyConditionExpression: Syntax error; token: \"4\", near: \"> 4\"",
            "(size(a))[0] > a | sk | Invalid KeyConditionExpression: Syntax error; token: \"[\", near: \")[0\"",
            "things are not gonna be ok | sk | Invalid KeyConditionExpression: Syntax error; token: \"are\", near: \"things are not\"",
    })
    void refuses(String expr, String range, String message) {
        assertThatThrownBy(() -> parse(expr, "null".equals(range) ? null : range))
                .isInstanceOf(DynamoDbException.class).hasMessage(message);
    }

    @org.junit.jupiter.api.Test
    void shapeIsCheckedBeforeTheKeySchema() {
        ExpressionContext ctx = new ExpressionContext(null, Json.item(VALUES));
        // Well formed, on attributes that are not the key: only the schema tells.
        KeyConditionShape shape = ctx.keyConditionShape("z = :h");
        assertThatThrownBy(() -> shape.bind("pk", "S", null, null))
                .hasMessage("Query condition missed key schema element: pk");
        assertThat(shape.bind("z", "S", null, null).hashValue().get("S").textValue()).isEqualTo("h");
        KeyConditionShape or = ctx.keyConditionShape("z = :h OR y = :h"); // read: well-formed syntax
        assertThatThrownBy(or::checkShape)
                .hasMessage("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: OR");
        assertThatThrownBy(() -> ctx.keyConditionShape("z = :h OR"))
                .hasMessage("Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"OR\"");
    }

    @org.junit.jupiter.api.Test
    void unusedNamesAreReportedBeforeTheShape() {
        ExpressionContext ctx = new ExpressionContext(Json.names("{'#0':'pk', '#count':'count'}"), null);
        KeyConditionShape shape = ctx.keyConditionShape("(#0 = x)");
        assertThatThrownBy(ctx::checkAllUsed)
                .hasMessage("Value provided in ExpressionAttributeNames unused in expressions: keys: {#count}");
        assertThatThrownBy(shape::checkShape).hasMessage(
                "Invalid KeyConditionExpression: Invalid condition in KeyConditionExpression: Multiple attribute names used "
                        + "in one condition");
    }

    @org.junit.jupiter.api.Test
    void schemaTypeIsCheckedBeforeTheOperator() {
        assertThatThrownBy(() -> new ExpressionContext(null, Json.item(VALUES)).keyCondition(":n > pk", "pk", "S", null, null))
                .hasMessage("One or more parameter values were invalid: Condition parameter type does not match schema type");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "pk = :n AND sk = :a",
            "pk = :h AND sk = :b",
    })
    void refusesValuesOfAnotherTypeThanTheKey(String expr) {
        assertThatThrownBy(() -> new ExpressionContext(null, Json.item(VALUES)).keyCondition(expr, "pk", "S", "sk", "S"))
                .hasMessage("One or more parameter values were invalid: Condition parameter type does not match schema type");
    }
}

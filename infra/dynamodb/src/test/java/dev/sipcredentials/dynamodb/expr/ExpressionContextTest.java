package dev.sipcredentials.dynamodb.expr;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipcredentials.dynamodb.DynamoDbException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionContextTest {

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "{} | null | ExpressionAttributeNames must not be empty",
            "null | {} | ExpressionAttributeValues must not be empty",
            "{'a':'b'} | null | ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"",
            "{'#':'b'} | null | ExpressionAttributeNames contains invalid key: Syntax error; key: \"#\"",
            "{'#a-b':'b'} | null | ExpressionAttributeNames contains invalid key: Syntax error; key: \"#a-b\"",
            "null | {'v':{'S':'x'}} | ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"",
            "null | {':v':{'N':'x'}} | ExpressionAttributeValues contains invalid value: The parameter cannot be converted to a numeric value: x for key :v",
            "null | {':v':{}} | ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes for key :v",
            "null | {':v':{'SS':[]}} | One or more parameter values were invalid: An string set  may not be empty",
    })
    void refusesBadMaps(String names, String values, String message) {
        assertThatThrownBy(() -> new ExpressionContext(Json.names(names), values == null ? null : Json.item(values)))
                .isInstanceOf(DynamoDbException.class).hasMessage(message);
    }

    @Test
    void everythingUsedAcrossExpressions() {
        ExpressionContext ctx = new ExpressionContext(Json.names("{'#a':'a', '#b':'b'}"),
                Json.item("{':x':{'S':'x'}, ':y':{'N':'1'}}"));
        ctx.condition("#a = :x", "ConditionExpression");
        ctx.update("SET #b = :y");
        assertThatCode(ctx::checkAllUsed).doesNotThrowAnyException();
    }

    @Test
    void unusedNames() {
        ExpressionContext ctx = new ExpressionContext(Json.names("{'#a':'a', '#b':'b', '#c':'c'}"), null);
        ctx.projection("#b");
        assertThatThrownBy(ctx::checkAllUsed)
                .hasMessage("Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #c}");
    }

    @Test
    void unusedValuesAfterNames() {
        ExpressionContext ctx = new ExpressionContext(Json.names("{'#a':'a'}"),
                Json.item("{':x':{'S':'x'}, ':unused':{'S':'u'}}"));
        ctx.condition("a = :x", "FilterExpression");
        assertThatThrownBy(ctx::checkAllUsed)
                .hasMessage("Value provided in ExpressionAttributeNames unused in expressions: keys: {#a}");
        ExpressionContext ctx2 = new ExpressionContext(null, Json.item("{':x':{'S':'x'}, ':unused':{'S':'u'}}"));
        ctx2.condition("a = :x", "FilterExpression");
        assertThatThrownBy(ctx2::checkAllUsed)
                .hasMessage("Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
        assertThatThrownBy(() -> ctx2.checkAllUsed("1 validation error detected: "))
                .hasMessage("1 validation error detected: Value provided in ExpressionAttributeValues unused in expressions: "
                        + "keys: {:unused}");
    }

    @Test
    void nothingGivenNothingToComplainAbout() {
        assertThatCode(() -> new ExpressionContext(null, null).checkAllUsed()).doesNotThrowAnyException();
    }

    @Test
    void aValueUsedOnlyInAnExpressionThatFailedIsStillReported() {
        ExpressionContext ctx = new ExpressionContext(null, Json.item("{':x':{'S':'x'}}"));
        assertThatThrownBy(() -> ctx.condition("a = :x AND", "ConditionExpression"))
                .hasMessage("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
    }
}

package dev.sipcredentials.dynamodb.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipcredentials.dynamodb.DynamoDbException;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Random expressions, well-formed or not, never escape as anything but DynamoDbException (a 400 with DynamoDB's
 * text), whether parsing or evaluating: no NullPointerException, ClassCastException or index error reaches a
 * client as a 500.
 */
class RobustnessTest {
    private static final String[] TOKENS = {
            "a", "b", "m", "l", "n", "ss", "ns", "s", "#a", "#m", "#nope", ":s", ":n", ":l", ":m", ":ss", ":ns", ":b",
            ":t", ":nope", "(", ")", "[", "]", "[0]", "[1]", "[7]", ".", ",", "=", "<>", "<", "<=", ">", ">=", "+", "-",
            "AND", "OR", "NOT", "BETWEEN", "IN", "SET", "REMOVE", "ADD", "DELETE", "size", "attribute_exists",
            "attribute_not_exists", "attribute_type", "begins_with", "contains", "if_not_exists", "list_append", "status",
            "!", "1", " "};
    private static final String VALUES = "{':s':{'S':'x'}, ':n':{'N':'2'}, ':l':{'L':[{'S':'x'}]}, ':m':{'M':{}},"
            + " ':ss':{'SS':['x']}, ':ns':{'NS':['2']}, ':b':{'B':'AQ=='}, ':t':{'S':'S'}}";
    private static final String ITEM = "{'a':{'S':'x'}, 'b':{'N':'2'}, 'm':{'M':{'a':{'L':[{'N':'1'}]}}},"
            + " 'l':{'L':[{'S':'x'},{'M':{}}]}, 'n':{'NULL':true}, 'ss':{'SS':['x','y']}, 'ns':{'NS':['2']},"
            + " 's':{'BOOL':true}}";

    private static String randomExpression(Random r, String prefix) {
        StringBuilder b = new StringBuilder(prefix);
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            b.append(TOKENS[r.nextInt(TOKENS.length)]);
            if (r.nextBoolean()) {
                b.append(' ');
            }
        }
        return b.toString();
    }

    private static int check(long seed, String prefix, Function<ExpressionContext, Function<String, Object>> lang) {
        Random r = new Random(seed);
        Map<String, JsonNode> values = Json.item(VALUES);
        Map<String, String> names = Json.names("{'#a':'a', '#m':'m'}");
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            String expr = randomExpression(r, prefix);
            try {
                Object parsedExpr = lang.apply(new ExpressionContext(names, values)).apply(expr);
                parsed++;
                if (parsedExpr instanceof Condition) {
                    ((Condition) parsedExpr).test(Json.item(ITEM));
                    ((Condition) parsedExpr).test(null);
                } else if (parsedExpr instanceof Update) {
                    ((Update) parsedExpr).apply(Json.item(ITEM));
                    ((Update) parsedExpr).apply(Map.of());
                } else if (parsedExpr instanceof Projection) {
                    ((Projection) parsedExpr).apply(Json.item(ITEM));
                } else if (parsedExpr instanceof KeyCondition) {
                    ((KeyCondition) parsedExpr).rangeMatches(Json.value("{'S':'x'}"));
                }
            } catch (DynamoDbException e) {
                assertThat(e.type()).isEqualTo("ValidationException");
                assertThat(e.getMessage()).isNotBlank();
            } catch (RuntimeException e) {
                fail("'" + expr + "' threw " + e, e);
            }
        }
        return parsed;
    }

    @Test
    void conditions() {
        int parsed = check(1, "", c -> e -> c.condition(e, "ConditionExpression"));
        assertThat(parsed).isPositive();
    }

    @Test
    void updates() {
        assertThat(check(2, "SET ", c -> c::update)).isPositive();
        assertThat(check(3, "", c -> c::update)).isPositive();
    }

    @Test
    void projections() {
        assertThat(check(4, "", c -> c::projection)).isPositive();
    }

    @Test
    void keyConditions() {
        check(5, "a = :s AND ", c -> e -> c.keyCondition(e, "a", "S", "b", "N"));
        check(6, "", c -> e -> c.keyCondition(e, "a", null, null, null));
    }
}

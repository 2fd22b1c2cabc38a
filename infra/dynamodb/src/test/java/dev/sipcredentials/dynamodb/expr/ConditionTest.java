package dev.sipcredentials.dynamodb.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipcredentials.dynamodb.DynamoDbException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionTest {
    static final String VALUES = "{':s':{'S':'abc'}, ':p':{'S':'ab'}, ':n':{'N':'5'}, ':n2':{'N':'5.0'},"
            + " ':n10':{'N':'10'}, ':b':{'B':'AQID'}, ':t':{'BOOL':true}, ':l':{'L':[{'S':'x'}]},"
            + " ':ss':{'SS':['a','b']}, ':x':{'S':'x'}, ':tS':{'S':'S'}, ':tSS':{'S':'SS'}, ':tN':{'S':'N'}}";
    static final String NAMES = "{'#s':'status', '#k':'pk', '#m':'m'}";
    static final String ITEM = "{'pk':{'S':'abc'}, 'n':{'N':'5'}, 'status':{'S':'ACTIVE'}, 'b':{'B':'AQIDBA=='},"
            + " 'flag':{'BOOL':true}, 'nul':{'NULL':true}, 'ss':{'SS':['a','b','c']}, 'ns':{'NS':['1','2.5']},"
            + " 'l':{'L':[{'S':'x'},{'N':'7'}]}, 'm':{'M':{'sub1':{'S':'deep'}, 'nums':{'L':[{'N':'1'},{'N':'2'}]}}},"
            + " 'empty':{'S':''}}";

    static Condition parse(String expr) {
        return new ExpressionContext(Json.names(NAMES), Json.item(VALUES)).condition(expr, "ConditionExpression");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "attribute_not_exists(pk) | false",
            "attribute_not_exists(nope) | true",
            "attribute_exists(pk) | true",
            "attribute_exists(m.sub1) | true",
            "attribute_exists(m.nope) | false",
            "attribute_exists(m.nums[1]) | true",
            "attribute_exists(m.nums[2]) | false",
            "attribute_exists(l[0]) | true",
            "attribute_exists(pk.x) | false",
            "attribute_exists(pk[0]) | false",
            "pk = :s | true",
            "pk <> :s | false",
            "nope <> :s | true",
            "nope = :s | false",
            "n = :n2 | true",
            "n = :s | false",
            "n <> :s | true",
            "n < :n10 | true",
            "n <= :n | true",
            "n > :n | false",
            "n >= :n2 | true",
            "pk < :s | false",
            "pk > :p | true",
            "pk < :n | false",
            "pk > :n | false",
            "n BETWEEN :n AND :n10 | true",
            "n between :n2 and :n10 | true",
            "pk BETWEEN :n AND :n10 | false",
            "n IN (:s, :n2) | true",
            "n IN (:s) | false",
            "nope IN (:s) | false",
            "pk = :s AND n = :n | true",
            "pk = :s AND n = :n10 | false",
            "pk = :p OR n = :n | true",
            "pk = :p OR n = :n10 | false",
            "NOT pk = :p | true",
            "NOT pk = :s | false",
            "not (pk = :s) | false",
            "pk = :p OR n = :n AND flag = :t | true",
            "(pk = :p OR n = :n) AND flag = :n | false",
            "pk = :p OR n = :n10 AND flag = :t | false",
            "NOT pk = :p AND pk = :p | false",
            "NOT pk = :p OR pk = :p | true",
            "#s = :s | false",
            "#k = :s | true",
            "#m.sub1 = :x | false",
            "attribute_type(pk, :tS) | true",
            "attribute_type(ss, :tSS) | true",
            "attribute_type(pk, :tN) | false",
            "attribute_type(nope, :tS) | false",
            "begins_with(pk, :p) | true",
            "begins_with(pk, :s) | true",
            "begins_with(n, :p) | false",
            "begins_with(nope, :p) | false",
            "contains(pk, :p) | true",
            "contains(ss, :x) | false",
            "contains(l, :x) | true",
            "contains(l, :l) | false",
            "contains(n, :n) | false",
            "size(pk) = :n | false",
            "size(ss) < :n | true",
            "size(m) < :n | true",
            "size(nope) < :n | false",
            "size(n) < :n | false",
            "size(b) = :n | false",
            "size(l) <= size(ss) | true",
            "(pk) = :s | true",
            "(attribute_exists(pk)) AND (attribute_not_exists(nope)) | true",
            "(attribute_exists(pk) AND attribute_not_exists(nope)) | true",
            "(attribute_exists(pk) AND (attribute_not_exists(nope))) | true",
            "(attribute_exists(pk)) AND (#s = :x) | false",
            "(n = :n) AND ((pk = :x) OR (pk = :s)) | true",
            "(n = :n) AND (pk = :x OR (pk = :s)) | true",
            "(n = :n) AND (NOT (pk = :s)) | false",
            "pk = :s and (n = :n or n = :s) | true",
    })
    void evaluates(String expr, boolean expected) {
        assertThat(parse(expr).test(Json.item(ITEM))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "attribute_not_exists(pk) | true",
            "attribute_exists(pk) | false",
            "pk <> :s | true",
            "pk = :s | false",
            "NOT pk = :s | true",
    })
    void absentItem(String expr, boolean expected) {
        assertThat(parse(expr).test(null)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "a | Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"a\"",
            "a = | Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"",
            "a x | Invalid ConditionExpression: Syntax error; token: \"x\", near: \"a x\"",
            "a = :s :s | Invalid ConditionExpression: Syntax error; token: \":s\", near: \":s :s\"",
            "a AND b = :s | Invalid ConditionExpression: Syntax error; token: \"AND\", near: \"a AND b\"",
            "a == :s | Invalid ConditionExpression: Syntax error; token: \"=\", near: \"== :s\"",
            "a-b = :s | Invalid ConditionExpression: Syntax error; token: \"-\", near: \"a-b\"",
            "= :s | Invalid ConditionExpression: Syntax error; token: \"=\", near: \"= :s\"",
            "(a = :s | Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \":s\"",
            "a = :s) | Invalid ConditionExpression: Syntax error; token: \")\", near: \":s)\"",
            "a BETWEEN :n | Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \":n\"",
            "a IN :n | Invalid ConditionExpression: Syntax error; token: \":n\", near: \"IN :n\"",
            "and = :s | Invalid ConditionExpression: Syntax error; token: \"and\", near: \"and =\"",
            "status = :s | Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status",
            "a.Size = :s | Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Size",
            "a = :nope | Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :nope",
            "#nope = :s | Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #nope",
            "foo(a) | Invalid ConditionExpression: Invalid function name; function: foo",
            "size(a) | Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size",
            "attribute_exists(a) = :s | Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: attribute_exists",
            "attribute_exists(a, b) | Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2",
            "attribute_exists(:s) | Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists",
            "begins_with(a, :n) | Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N",
            "size(:n) = :n | Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, operand type: N",
            "attribute_type(a, :n) | Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N",
            "attribute_type(a, :s) | Invalid ConditionExpression: Invalid attribute type name found; type: abc, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}",
            "a = a | Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]",
            "contains(m.x, m.x) | Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [m, x]",
            "a BETWEEN :n AND :s | Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {S:abc}",
            "a BETWEEN :n10 AND :n | Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:10}, upper bound operand: AttributeValue: {N:5}",
            "((a = :s)) | Invalid ConditionExpression: The expression has redundant parentheses;",
            "status = :nope | Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status",
            "'' | Invalid ConditionExpression: The expression can not be empty;",
            "((a = :s)) AND ((b = :s)) | Invalid ConditionExpression: The expression has redundant parentheses;",
            "!!! INVALID !!! | Invalid ConditionExpression: Syntax error; token: \"!\", near: \"!!\"",
    })
    void refuses(String expr, String message) {
        assertThatThrownBy(() -> parse(expr))
                .isInstanceOf(DynamoDbException.class)
                .hasMessage(message)
                .extracting(e -> ((DynamoDbException) e).type()).isEqualTo("ValidationException");
    }

    @org.junit.jupiter.api.Test
    void filterExpressionNamedInMessages() {
        assertThatThrownBy(() -> new ExpressionContext(null, null).condition("a", "FilterExpression"))
                .hasMessage("Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"a\"");
    }

    @org.junit.jupiter.api.Test
    void expressionsUpTo4096BytesAreAccepted() {
        String padded = "attribute_exists(pk)" + " ".repeat(4096 - 20);
        assertThat(parse(padded).test(Json.item(ITEM))).isTrue();
        assertThatThrownBy(() -> parse(padded + " "))
                .hasMessage("Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; "
                        + "expression size: 4097");
        // Counted in UTF-8 bytes: 2,061 characters, 4,101 bytes.
        assertThatThrownBy(() -> parse("attribute_exists(pk) " + "\u00e9".repeat(2040)))
                .hasMessage("Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; "
                        + "expression size: 4101");
    }

    @org.junit.jupiter.api.Test
    void moreThan100InOperands() {
        StringBuilder b = new StringBuilder("n IN (:n");
        for (int i = 0; i < 100; i++) {
            b.append(", :n");
        }
        assertThatThrownBy(() -> parse(b + ")"))
                .hasMessage("Invalid ConditionExpression: The IN operator is provided with too many operands; "
                        + "number of operands: 101");
        assertThat(parse(b.substring(0, b.length() - 4) + ")").test(Json.item(ITEM))).isTrue();
    }

    @org.junit.jupiter.api.Test
    void topLevelAttributes() {
        assertThat(parse("#k = :s AND (m.sub1 = :x OR size(l[0]) > :n) AND attribute_exists(#s)").topLevelAttributes())
                .containsExactly("pk", "m", "l", "status");
    }

    @org.junit.jupiter.api.Test
    void absentItemIsCheap() {
        Map<String, JsonNode> none = null;
        ExpressionContext ctx = new ExpressionContext(null, null);
        Condition c = ctx.condition("attribute_not_exists(pk)", "ConditionExpression");
        for (int i = 0; i < 1_000; i++) {
            new ExpressionContext(null, null).condition("attribute_not_exists(pk)", "ConditionExpression").test(none);
        }
        assertThat(c.test(none)).isTrue();
    }
}

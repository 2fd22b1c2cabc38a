package dev.sipcredentials.dynamodb.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipcredentials.dynamodb.DynamoDbException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which of several problems DynamoDB reports, and the syntax it refuses, for FilterExpression (the condition grammar
 * is shared with ConditionExpression and KeyConditionExpression). Cases after live-DynamoDB observations recorded
 * by DynamoDB reimplementations' test suites.
 */
class ConditionValidationTest {

    static void parse(String expr, String values, String names) {
        new ExpressionContext(names == null ? null : Json.names(names), values == null ? null : Json.item(values))
                .condition(expr, "FilterExpression");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "things are not gonna be ok",
            "a > 4",
            "attribute_exists(Pictures-RearView)",
            "attribute_exists(\"Pictures.RearView\")",
            "attribute_exists(Pictures..RearView)",
            "attribute_exists(Pi#ctures.RearView)",
            "attribute_exists(asdf[a])",
            "a in b, c",
            "a > between",
            "a in b",
            "a in (b,c,)",
            "(a)between(b.(c.d))and(c)",
            "(a)between(b.c.d)and((c)",
            "#$.b > a",
            "a > :things.stuff",
            "b[:a] > a",
            "b[#_] > a",
            "\u00fc > a",
            "(a)between(b.c[4.5].#d)and(:a)",
            "size(a).b > a",
            "(size(a)).b > a",
            "size(a)[0] > a",
            "(size(a))[0] > a",
            "a = :v AND",
            "NOT",
            "a BETWEEN b",
            "a IN ()",
    })
    void syntaxErrors(String expr) {
        assertThatThrownBy(() -> parse(expr, null, null))
                .isInstanceOf(DynamoDbException.class).hasMessageStartingWith("Invalid FilterExpression: Syntax error; token: ");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // redundant parentheses outrank everything
            "a=a and a > ((views)) | The expression has redundant parentheses;",
            "(a)between(((b.c)).d)and(c) | The expression has redundant parentheses;",
            "a > whatever((:things), ((a))) | The expression has redundant parentheses;",
            "a=a AND ((a=a AND a=a)) AND a=a | The expression has redundant parentheses;",
            "a=a OR ((a=a OR a=a)) OR a=a | The expression has redundant parentheses;",
            "a=a AND ((a=a AND (a=a AND a=a))) | The expression has redundant parentheses;",
            // then unknown functions (names are case-sensitive)
            "a=a and whatever((:things)) > a | Invalid function name; function: whatever",
            "attRIbute_exIsts((views), #a) | Invalid function name; function: attRIbute_exIsts",
            // then functions where an operand or condition belongs
            "a=a and attribute_exists((views), (#a)) > b | The function is not allowed to be used this way in an expression; function: attribute_exists",
            "attribute_not_exists(things) > b | The function is not allowed to be used this way in an expression; function: attribute_not_exists",
            "attribute_type(things, :a) > b | The function is not allowed to be used this way in an expression; function: attribute_type",
            "begins_with(things, a) > b | The function is not allowed to be used this way in an expression; function: begins_with",
            "contains(:things, c) > b | The function is not allowed to be used this way in an expression; function: contains",
            "size(contains(a, b)) > a | The function is not allowed to be used this way in an expression; function: contains",
            "size(things) | The function is not allowed to be used this way in an expression; function: size",
            "a between b and attribute_exists(things) | The function is not allowed to be used this way in an expression; function: attribute_exists",
            "a in (b, attribute_exists(things)) | The function is not allowed to be used this way in an expression; function: attribute_exists",
            // then reserved words
            "attribute_exists(views, #a) | Attribute name is a reserved keyword; reserved keyword: views",
            ":a < abOrT | Attribute name is a reserved keyword; reserved keyword: abOrT",
            // then, for the first simple condition with a problem: undefined names and values
            "attribute_exists(#Pictures.RearView, :a) and a=a | An expression attribute name used in the document path is not defined; attribute name: #Pictures",
            "begins_with(Pictures.#RearView) | An expression attribute name used in the document path is not defined; attribute name: #RearView",
            "(#P between :lo and :hi) and (#PC in (:cat1, :cat2)) | An expression attribute name used in the document path is not defined; attribute name: #P",
            "#4g > a | An expression attribute name used in the document path is not defined; attribute name: #4g",
            "#_ > a | An expression attribute name used in the document path is not defined; attribute name: #_",
            "(a)between(b.c[45].#d)and(:a) | An expression attribute name used in the document path is not defined; attribute name: #d",
            "begins_with(:hello, #a, #b) | An expression attribute value used in expression is not defined; attribute value: :hello",
            ":a < :b | An expression attribute value used in expression is not defined; attribute value: :a",
            ":_ > a | An expression attribute value used in expression is not defined; attribute value: :_",
            // number of operands
            "attribute_exists(things, a) and a=a | Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2",
            "attribute_not_exists(things, b) | Incorrect number of operands for operator or function; operator or function: attribute_not_exists, number of operands: 2",
            "attribute_type(things) | Incorrect number of operands for operator or function; operator or function: attribute_type, number of operands: 1",
            "begins_with(things) | Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1",
            "begins_with(things, size(a), b) | Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 3",
            "contains(things) | Incorrect number of operands for operator or function; operator or function: contains, number of operands: 1",
            "size(things, a) > b | Incorrect number of operands for operator or function; operator or function: size, number of operands: 2",
    })
    void firstProblemReported(String expr, String message) {
        assertThatThrownBy(() -> parse(expr, null, null))
                .isInstanceOf(DynamoDbException.class).hasMessage("Invalid FilterExpression: " + message);
    }

    @ParameterizedTest(name = "[{index}] {0} with :a={1}")
    @CsvSource(delimiter = '|', value = {
            "attribute_type(a, size(a)) and a=a and a=:a | {'N':'1'} | attribute_type, operand type: N",
            "attribute_type(a, :a) | {'N':'1'} | attribute_type, operand type: N",
            "attribute_type(a, :a) | {'B':'YQ=='} | attribute_type, operand type: B",
            "attribute_type(a, :a) | {'BOOL':true} | attribute_type, operand type: BOOL",
            "attribute_type(a, :a) | {'NULL':true} | attribute_type, operand type: NULL",
            "attribute_type(a, :a) | {'L':[]} | attribute_type, operand type: L",
            "attribute_type(a, :a) | {'M':{}} | attribute_type, operand type: M",
            "attribute_type(a, :a) | {'SS':['1']} | attribute_type, operand type: SS",
            "attribute_type(a, :a) | {'NS':['1']} | attribute_type, operand type: NS",
            "attribute_type(a, :a) | {'BS':['YQ==']} | attribute_type, operand type: BS",
            "begins_with(a, size(a)) and a=:a | {'N':'1'} | begins_with, operand type: N",
            "begins_with(a, :a) | {'N':'1'} | begins_with, operand type: N",
            "begins_with(a, :a) | {'BOOL':true} | begins_with, operand type: BOOL",
            "begins_with(a, :a) | {'NULL':true} | begins_with, operand type: NULL",
            "begins_with(a, :a) | {'L':[]} | begins_with, operand type: L",
            "begins_with(a, :a) | {'M':{}} | begins_with, operand type: M",
            "begins_with(a, :a) | {'SS':['1']} | begins_with, operand type: SS",
            "begins_with(a, :a) | {'NS':['1']} | begins_with, operand type: NS",
            "begins_with(:a, a) | {'BS':['YQ==']} | begins_with, operand type: BS",
            "size(size(a)) > :a | {'N':'1'} | size, operand type: N",
            "attribute_not_exists(size(:a)) | {'N':'1'} | size, operand type: N",
            "size(:a) > a | {'BOOL':true} | size, operand type: BOOL",
            "size(:a) > a | {'NULL':true} | size, operand type: NULL",
    })
    void operandTypes(String expr, String value, String message) {
        assertThatThrownBy(() -> parse(expr, "{':a':" + value + "}", null))
                .hasMessage("Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: "
                        + message);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "attribute_exists(:a) and a=a | attribute_exists",
            "attribute_not_exists(size(:a)) | attribute_not_exists",
    })
    void documentPathRequired(String expr, String function) {
        assertThatThrownBy(() -> parse(expr, "{':a':{'S':'1'}}", null))
                .hasMessage("Invalid FilterExpression: Operator or function requires a document path; operator or function: "
                        + function);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "a = a AND #a = b AND :views > a | = | [a]",
            "#a <> a | <> | [a]",
            "a > #a | > | [a]",
            "((a=a) OR (a=a)) | = | [a]",
            "((a=a) AND (a=a)) | = | [a]",
            "contains(ab.bc[1].a, ab.bc[1].#a) | contains | [ab, bc, [1], a]",
            "attribute_type(ab.bc[1].#a, ab.bc[1].a) | attribute_type | [ab, bc, [1], a]",
            "begins_with(ab.bc[1].a, ab.bc[1].#a) | begins_with | [ab, bc, [1], a]",
    })
    void operandsMustBeDistinct(String expr, String operator, String path) {
        assertThatThrownBy(() -> parse(expr, null, "{'#a':'a'}"))
                .hasMessage("Invalid FilterExpression: The first operand must be distinct from the remaining operands for this "
                        + "operator or function; operator: " + operator + ", first operand: " + path);
    }

    @org.junit.jupiter.api.Test
    void sameValueTwiceIsFine() {
        new ExpressionContext(null, Json.item("{':a':{'N':'1'}}")).condition(":a > :a", "FilterExpression");
    }

    @org.junit.jupiter.api.Test
    void groupedPathsContinue() {
        Condition c = new ExpressionContext(null, Json.item("{':v':{'S':'x'}}"))
                .condition("(m.n).o = :v AND (l)[1] = :v", "FilterExpression");
        assertThat(c.test(Json.item("{'m':{'M':{'n':{'M':{'o':{'S':'x'}}}}}, 'l':{'L':[{'S':'a'},{'S':'x'}]}}")))
                .isTrue();
    }
}

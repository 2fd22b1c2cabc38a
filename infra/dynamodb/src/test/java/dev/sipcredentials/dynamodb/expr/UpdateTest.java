package dev.sipcredentials.dynamodb.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipcredentials.dynamodb.DynamoDbException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpdateTest {
    static final String VALUES = "{':s':{'S':'new'}, ':n':{'N':'2'}, ':neg':{'N':'-3.5'}, ':l':{'L':[{'S':'z'}]},"
            + " ':ss':{'SS':['b','d']}, ':ns':{'NS':['1','9']}, ':m':{'M':{'k':{'S':'v'}}}, ':t':{'BOOL':true},"
            + " ':big':{'N':'99999999999999999999999999999999999999'}, ':huge':{'N':'9.9999999999999999999999999999999999999E+125'}}";
    static final String NAMES = "{'#s':'status', '#a':'a'}";
    static final String ITEM = "{'pk':{'S':'k'}, 'a':{'S':'old'}, 'n':{'N':'5'}, 'ss':{'SS':['a','b','c']},"
            + " 'ns':{'NS':['1','2']}, 'l':{'L':[{'S':'x'},{'S':'y'},{'S':'w'}]}, 'm':{'M':{'k1':{'N':'1'},"
            + " 'deep':{'M':{'z':{'S':'q'}}}}}, 'b':{'S':'bee'}}";

    static Update parse(String expr) {
        return new ExpressionContext(Json.names(NAMES), Json.item(VALUES)).update(expr);
    }

    /** The attributes that differ from ITEM after the update, as compact JSON ('-' for removed). */
    static String changes(String expr) {
        Map<String, JsonNode> before = Json.item(ITEM);
        Map<String, JsonNode> after = parse(expr).apply(before);
        assertThat(Json.text(before)).isEqualTo(Json.text(Json.item(ITEM))); // the input is untouched
        StringBuilder b = new StringBuilder();
        for (String k : before.keySet()) {
            if (!after.containsKey(k)) {
                b.append(k).append("=- ");
            } else if (!after.get(k).equals(before.get(k))) {
                b.append(k).append('=').append(after.get(k).toString().replace('"', '\'')).append(' ');
            }
        }
        for (String k : after.keySet()) {
            if (!before.containsKey(k)) {
                b.append(k).append('=').append(after.get(k).toString().replace('"', '\'')).append(' ');
            }
        }
        return b.toString().trim();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "SET a = :s | a={'S':'new'}",
            "set a = :s, x = :n | a={'S':'new'} x={'N':'2'}",
            "SET #s = :s | status={'S':'new'}",
            "SET n = n + :n | n={'N':'7'}",
            "SET n = n - :n | n={'N':'3'}",
            "SET n = :n - n | n={'N':'-3'}",
            "SET n = n + :neg | n={'N':'1.5'}",
            "SET x = if_not_exists(x, :n) | x={'N':'2'}",
            "SET n = if_not_exists(n, :n) + :n | n={'N':'7'}",
            "SET x = if_not_exists(x, :n) + :n | x={'N':'4'}",
            "SET l = list_append(l, :l) | l={'L':[{'S':'x'},{'S':'y'},{'S':'w'},{'S':'z'}]}",
            "SET l = list_append(:l, l) | l={'L':[{'S':'z'},{'S':'x'},{'S':'y'},{'S':'w'}]}",
            "SET x = list_append(if_not_exists(x, :l), :l) | x={'L':[{'S':'z'},{'S':'z'}]}",
            "SET a = b, b = a | a={'S':'bee'} b={'S':'old'}",
            "SET m.k1 = :s | m={'M':{'k1':{'S':'new'},'deep':{'M':{'z':{'S':'q'}}}}}",
            "SET m.deep.z = :n | m={'M':{'k1':{'N':'1'},'deep':{'M':{'z':{'N':'2'}}}}}",
            "SET m.k2 = :t | m={'M':{'k1':{'N':'1'},'deep':{'M':{'z':{'S':'q'}}},'k2':{'BOOL':true}}}",
            "SET l[1] = :s | l={'L':[{'S':'x'},{'S':'new'},{'S':'w'}]}",
            "SET l[10] = :s | l={'L':[{'S':'x'},{'S':'y'},{'S':'w'},{'S':'new'}]}",
            "SET a = (:s) | a={'S':'new'}",
            "SET a = (n + :n) | a={'N':'7'}",
            "SET n = (n) + (:n) | n={'N':'7'}",
            "REMOVE a | a=-",
            "REMOVE a, b, nope | a=- b=-",
            "REMOVE m.k1 | m={'M':{'deep':{'M':{'z':{'S':'q'}}}}}",
            "REMOVE m.nope | ''",
            "REMOVE l[0] | l={'L':[{'S':'y'},{'S':'w'}]}",
            "REMOVE l[0], l[2] | l={'L':[{'S':'y'}]}",
            "REMOVE l[2], l[0] | l={'L':[{'S':'y'}]}",
            "REMOVE l[7] | ''",
            "ADD n :n | n={'N':'7'}",
            "ADD x :n | x={'N':'2'}",
            "ADD ss :ss | ss={'SS':['a','b','c','d']}",
            "ADD ns :ns | ns={'NS':['1','2','9']}",
            "ADD x :ss | x={'SS':['b','d']}",
            "DELETE ss :ss | ss={'SS':['a','c']}",
            "DELETE x :ss | ''",
            "DELETE ns :ns | ns={'NS':['2']}",
            "SET a = :s REMOVE b ADD n :n DELETE ss :ss | a={'S':'new'} n={'N':'7'} ss={'SS':['a','c']} b=-",
            "DELETE ss :ss SET a = :s | a={'S':'new'} ss={'SS':['a','c']}",
            "SET n = :big - n | n={'N':'99999999999999999999999999999999999994'}",
    })
    void applies(String expr, String expected) {
        assertThat(changes(expr)).isEqualTo(expected);
    }

    @Test
    void deleteEveryMemberRemovesTheAttribute() {
        Map<String, JsonNode> item = Json.item("{'ss':{'SS':['b','d']}}");
        assertThat(parse("DELETE ss :ss").apply(item)).isEmpty();
    }

    @Test
    void setOnIndexZeroOfAnEmptyList() {
        assertThat(Json.text(parse("SET l[0] = :s").apply(Json.item("{'l':{'L':[]}}"))))
                .isEqualTo("{'l':{'L':[{'S':'new'}]}}");
    }

    @Test
    void updateExpressionsLongerThan4096BytesAreRefused() {
        StringBuilder b = new StringBuilder("SET a = :s");
        while (b.length() <= 4096) {
            b.append(' ');
        }
        assertThatThrownBy(() -> parse(b.toString()))
                .hasMessage("Invalid UpdateExpression: Expression size has exceeded the maximum allowed size;");
    }

    @Test
    void typesOfComputedOperandsAreCheckedWhenApplied() {
        Update u = parse("SET a = if_not_exists(a, :s) + :n");
        assertThatThrownBy(() -> u.apply(Json.item(ITEM)))
                .hasMessage("An operand in the update expression has an incorrect data type");
        assertThat(Json.text(parse("SET x = if_not_exists(x, :n) + :n").apply(java.util.Map.of())))
                .isEqualTo("{'x':{'N':'4'}}");
    }

    @Test
    void emptyItem() {
        assertThat(Json.text(parse("SET a = :s ADD n :n").apply(Map.of()))).isEqualTo(
                "{'a':{'S':'new'},'n':{'N':'2'}}");
    }

    @Test
    void topLevelAttributes() {
        assertThat(parse("SET a = :s, m.k = :n REMOVE l[0] ADD #s :n DELETE ss :ss").topLevelAttributes())
                .containsExactly("a", "m", "l", "status", "ss");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "SET a = nope | The provided expression refers to an attribute that does not exist in the item",
            "SET a = nope + :n | The provided expression refers to an attribute that does not exist in the item",
            "SET a = a + :n | An operand in the update expression has an incorrect data type",
            "SET a = list_append(a, :l) | An operand in the update expression has an incorrect data type",
            "ADD a :n | An operand in the update expression has an incorrect data type",
            "ADD ss :ns | An operand in the update expression has an incorrect data type",
            "DELETE ns :ss | An operand in the update expression has an incorrect data type",
            "DELETE a :ss | An operand in the update expression has an incorrect data type",
            "SET nope.x = :s | The document path provided in the update expression is invalid for update",
            "SET a.x = :s | The document path provided in the update expression is invalid for update",
            "SET a[0] = :s | The document path provided in the update expression is invalid for update",
            "SET m[0] = :s | The document path provided in the update expression is invalid for update",
            "SET l.x = :s | The document path provided in the update expression is invalid for update",
            "SET m.nope.x = :s | The document path provided in the update expression is invalid for update",
            "REMOVE a.x | The document path provided in the update expression is invalid for update",
            "REMOVE nope.x | The document path provided in the update expression is invalid for update",
            "REMOVE nope[1] | The document path provided in the update expression is invalid for update",
            "REMOVE m[1] | The document path provided in the update expression is invalid for update",
            "REMOVE l.x | The document path provided in the update expression is invalid for update",
            "DELETE nope.a :ss | The document path provided in the update expression is invalid for update",
            "DELETE a.x :ss | The document path provided in the update expression is invalid for update",
            "DELETE m[1] :ss | The document path provided in the update expression is invalid for update",
            "DELETE l.x :ss | The document path provided in the update expression is invalid for update",
            "ADD nope.a :ss | The document path provided in the update expression is invalid for update",
            "ADD a[1] :ss | The document path provided in the update expression is invalid for update",
            "ADD m[1] :ss | The document path provided in the update expression is invalid for update",
            "ADD l.x :ss | The document path provided in the update expression is invalid for update",
            "DELETE m :ns | An operand in the update expression has an incorrect data type",
            "DELETE n :ns | An operand in the update expression has an incorrect data type",
            "ADD m :ns | An operand in the update expression has an incorrect data type",
            "ADD ns :n | An operand in the update expression has an incorrect data type",
            "SET x = list_append(ns, if_not_exists(f, :l)) | An operand in the update expression has an incorrect data type",
            "SET x = list_append(nope, l) | The provided expression refers to an attribute that does not exist in the item",
            "SET n = n + :big | Attempting to store more than 38 significant digits in a Number",
            "SET n = :huge + :huge | Number overflow. Attempting to store a number with magnitude larger than supported range",
    })
    void refusesAtApply(String expr, String message) {
        assertThatThrownBy(() -> parse(expr).apply(Json.item(ITEM)))
                .isInstanceOf(DynamoDbException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "SET a = :s, a = :n | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]",
            "SET a = :s REMOVE a.b | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]",
            "SET a.b = :s REMOVE a | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]",
            "SET a[1] = :s REMOVE a[1].c | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, [1]], path two: [a, [1], c]",
            "SET a.b = :s REMOVE a[0] | Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [0]]",
            "SET a = :s SET b = :s | The \"SET\" section can only be used once in an update expression;",
            "REMOVE a REMOVE b | The \"REMOVE\" section can only be used once in an update expression;",
            "SET status = :s | Attribute name is a reserved keyword; reserved keyword: status",
            "SET a = :nope | An expression attribute value used in expression is not defined; attribute value: :nope",
            "SET #nope = :s | An expression attribute name used in the document path is not defined; attribute name: #nope",
            "SET a = foo(b) | Invalid function name; function: foo",
            "SET a = size(b) | Invalid function name; function: size",
            "SET a = if_not_exists(:s, :s) | Operator or function requires a document path; operator or function: if_not_exists",
            "SET a = list_append(:s, :l) | Incorrect operand type for operator or function; operator or function: list_append, operand type: S",
            "SET a = list_append(:l) | Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 1",
            "SET a = :s + :n | Incorrect operand type for operator or function; operator or function: +, operand type: S",
            "SET a = b - :m | Incorrect operand type for operator or function; operator or function: -, operand type: M",
            "ADD a :s | Incorrect operand type for operator or function; operator: ADD, operand type: STRING",
            "ADD a :l | Incorrect operand type for operator or function; operator: ADD, operand type: LIST",
            "DELETE a :n | Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER",
            "DELETE a :t | Incorrect operand type for operator or function; operator: DELETE, operand type: BOOLEAN",
            "DELETE a :m | Incorrect operand type for operator or function; operator: DELETE, operand type: MAP",
            "SET a = :s, | Syntax error; token: \"<EOF>\", near: \",\"",
            "SET a :s | Syntax error; token: \":s\", near: \"a :s\"",
            "ADD ss bad_value | Syntax error; token: \"bad_value\", near: \"ss bad_value\"",
            "DELETE n badvalue | Syntax error; token: \"badvalue\", near: \"n badvalue\"",
            "SET a = :s + :n + :n | Syntax error; token: \"+\", near: \":n + :n\"",
            "UPDATE a = :s | Syntax error; token: \"UPDATE\", near: \"UPDATE a\"",
            "SET | Syntax error; token: \"<EOF>\", near: \"SET\"",
            "SET a = | Syntax error; token: \"<EOF>\", near: \"=\"",
            "REMOVE a[x] | Syntax error; token: \"x\", near: \"[x]\"",
            "'' | The expression can not be empty;",
            "SET b = list_append(:s, a), c = if_not_exists(a) ADD a.b :s | Incorrect operand type for operator or function; operator: ADD, operand type: STRING",
            "SET c = if_not_exists(a) ADD a.b :n | Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1",
            "SET #c = if_not_exists(:nope) | An expression attribute name used in the document path is not defined; attribute name: #c",
            "SET a = :nope, #nope = :s | An expression attribute name used in the document path is not defined; attribute name: #nope",
            "set d[1] = a, d.b = a, c[1].a = a, c = if_not_exists(a) | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [c, [1], a], path two: [c]",
            "remove a.c set a[1] = d | Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, c], path two: [a, [1]]",
            "SET a = if_not_exists(if_not_exists(a, b), c) | Operator or function requires a document path; operator or function: if_not_exists",
            " set a = :s set abOrt = true  | Attribute name is a reserved keyword; reserved keyword: abOrt",
            "set a = #nope set c = :s | The \"SET\" section can only be used once in an update expression;",
            "set a = b + c + d | Syntax error; token: \"+\", near: \"c + d\"",
            "SET a = if_not_exists(a, 100) | Syntax error; token: \"100\", near: \", 100)\"",
            "set a = (b.c).d + e | Syntax error; token: \".\", near: \").d\"",
            "set (a = (b + c)) | Syntax error; token: \"(\", near: \"set (a\"",
            "add abort b | Syntax error; token: \"b\", near: \"abort b\"",
            "remove a = b | Syntax error; token: \"=\", near: \"a = b\"",
            "set a = b / c | Syntax error; token: \"/\", near: \"b / c\"",
            "set :a = b | Syntax error; token: \":a\", near: \"set :a =\"",
            "SET if_not_exists(a, b) = a | Syntax error; token: \"(\", near: \"if_not_exists(a\"",
            "INVALID SYNTAX HERE | Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\"",
    })
    void refusesAtParse(String expr, String message) {
        assertThatThrownBy(() -> parse(expr))
                .isInstanceOf(DynamoDbException.class).hasMessage("Invalid UpdateExpression: " + message);
    }
}

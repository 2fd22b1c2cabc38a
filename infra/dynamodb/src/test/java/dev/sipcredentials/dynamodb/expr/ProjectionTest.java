package dev.sipcredentials.dynamodb.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipcredentials.dynamodb.DynamoDbException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectionTest {
    static final String ITEM = "{'pk':{'S':'k'}, 'a':{'S':'x'}, 'n':{'N':'1'}, 'status':{'S':'ON'},"
            + " 'm':{'M':{'p':{'N':'1'}, 'q':{'M':{'r':{'S':'deep'}, 's':{'S':'t'}}}, 'l':{'L':[{'N':'0'},{'N':'1'}]}}},"
            + " 'l':{'L':[{'S':'l0'},{'M':{'x':{'S':'y'}, 'z':{'S':'w'}}},{'S':'l2'}]}}";

    static String project(String expr) {
        return Json.text(new ExpressionContext(Json.names("{'#s':'status', '#q':'q'}"), null).projection(expr)
                .apply(Json.item(ITEM)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "pk | {'pk':{'S':'k'}}",
            "pk, a | {'pk':{'S':'k'},'a':{'S':'x'}}",
            "a, pk | {'a':{'S':'x'},'pk':{'S':'k'}}",
            "nope | {}",
            "pk,nope | {'pk':{'S':'k'}}",
            "#s | {'status':{'S':'ON'}}",
            "m.p | {'m':{'M':{'p':{'N':'1'}}}}",
            "m.#q.r | {'m':{'M':{'q':{'M':{'r':{'S':'deep'}}}}}}",
            "m.p, m.#q.s | {'m':{'M':{'p':{'N':'1'},'q':{'M':{'s':{'S':'t'}}}}}}",
            "m.nope | {}",
            "m.l[1] | {'m':{'M':{'l':{'L':[{'N':'1'}]}}}}",
            "l[2], l[0] | {'l':{'L':[{'S':'l0'},{'S':'l2'}]}}",
            "l[1].z | {'l':{'L':[{'M':{'z':{'S':'w'}}}]}}",
            "l[7] | {}",
            "l.x | {}",
            "a.b | {}",
            "a[0] | {}",
            " pk , a | {'pk':{'S':'k'},'a':{'S':'x'}}",
            "m.#q.s,l[2],m.p,l[1].x,l[0].a | {'m':{'M':{'q':{'M':{'s':{'S':'t'}}},'p':{'N':'1'}}},'l':{'L':[{'M':{'x':{'S':'y'}}},{'S':'l2'}]}}",
    })
    void projects(String expr, String expected) {
        assertThat(project(expr)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "whatever(stuff)", "abort,", "a,,b", "a..b", "a[b]", "(a.b).c", "(a)", "(a),(b)", "(a,b)", "a-b", "a[-1]"})
    void syntaxErrors(String expr) {
        assertThatThrownBy(() -> new ExpressionContext(null, null).projection(expr))
                .hasMessageStartingWith("Invalid ProjectionExpression: Syntax error; token: ");
    }

    @Test
    void nestedTopLevelAttributes() {
        assertThat(new ExpressionContext(null, null).projection("a, b.c, d[0], b.e").nestedTopLevelAttributes())
                .containsExactly("b", "d");
    }

    @Test
    void absentItem() {
        assertThat(new ExpressionContext(null, null).projection("a").apply(null)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "status | Attribute name is a reserved keyword; reserved keyword: status",
            "#nope | An expression attribute name used in the document path is not defined; attribute name: #nope",
            "a, a | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]",
            "m, m.p | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [m], path two: [m, p]",
            "m.p, m[0] | Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [m, p], path two: [m, [0]]",
            "a, | Syntax error; token: \"<EOF>\", near: \",\"",
            "a b | Syntax error; token: \"b\", near: \"a b\"",
            ":v | Syntax error; token: \":v\", near: \":v\"",
            "a. | Syntax error; token: \"<EOF>\", near: \".\"",
            "'' | The expression can not be empty;",
            "a.abORt | Attribute name is a reserved keyword; reserved keyword: abORt",
            "a,b,a,#a | An expression attribute name used in the document path is not defined; attribute name: #a",
            "b[1], b.a, #s.b, status | Attribute name is a reserved keyword; reserved keyword: status",
            "b[1], b.x, a.b, a | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]",
            "a.b, a[1], c | Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]",
            "!!! INVALID !!! | Syntax error; token: \"!\", near: \"!!\"",
            "!!! | Syntax error; token: \"!\", near: \"!!\"",
    })
    void refuses(String expr, String message) {
        assertThatThrownBy(() -> new ExpressionContext(Json.names("{'#s':'status'}"), null).projection(expr))
                .isInstanceOf(DynamoDbException.class).hasMessage("Invalid ProjectionExpression: " + message);
    }
}

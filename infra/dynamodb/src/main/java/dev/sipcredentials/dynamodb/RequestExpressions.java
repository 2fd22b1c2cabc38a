package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipcredentials.dynamodb.expr.Condition;
import dev.sipcredentials.dynamodb.expr.ExpressionContext;
import dev.sipcredentials.dynamodb.expr.KeyCondition;
import dev.sipcredentials.dynamodb.expr.KeyConditionShape;
import dev.sipcredentials.dynamodb.expr.Projection;
import dev.sipcredentials.dynamodb.expr.Update;
import java.util.Map;

/**
 * The expressions of one request (or of one item of a batch or transaction), parsed with its
 * ExpressionAttributeNames and Values. No context is built for a request without any: the common unconditional
 * write stays cheap.
 */
final class RequestExpressions {
    private final Map<String, String> names;
    private final Map<String, JsonNode> values;
    private ExpressionContext context;

    private RequestExpressions(Map<String, String> names, Map<String, JsonNode> values) {
        this.names = names;
        this.values = values;
    }

    static RequestExpressions of(JsonNode request) {
        return new RequestExpressions(Request.names(request), Request.values(request));
    }

    private ExpressionContext context() {
        if (context == null) {
            context = new ExpressionContext(names, values);
        }
        return context;
    }

    Condition condition(JsonNode request, String field) {
        String text = Request.string(request, field);
        return text == null ? null : context().condition(text, field);
    }

    Update update(JsonNode request) {
        String text = Request.string(request, "UpdateExpression");
        return text == null ? null : context().update(text);
    }

    Projection projection(JsonNode request) {
        String text = Request.string(request, "ProjectionExpression");
        return text == null ? null : context().projection(text);
    }

    /** A KeyConditionExpression read and its shape checked, to be bound to the key schema once the table is known. */
    KeyConditionShape keyConditionShape(String text) {
        return context().keyConditionShape(text);
    }

    KeyCondition keyCondition(String text, String hashKey, String rangeKeyOrNull) {
        return context().keyCondition(text, hashKey, rangeKeyOrNull);
    }

    /** After parsing every expression: DynamoDB's refusal of names or values no expression used. */
    void finish() {
        finish("");
    }

    /** As finish(), with DynamoDB's note of which expressions were absent (": UpdateExpression and ... are null"). */
    void finish(String absentExpressions) {
        if (context != null) {
            context.checkAllUsed();
            return;
        }
        if (names != null) {
            throw DynamoDbException.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        if (values != null) {
            throw DynamoDbException.validation("ExpressionAttributeValues can only be specified when using expressions"
                    + absentExpressions);
        }
    }

    /**
     * DynamoDB's first expression check, made before any attribute value of the request is looked at: names or
     * values in a request without any of its expressions. {@code absentNote} is DynamoDB's note for the values
     * (": ConditionExpression is null"); the names' text has none.
     */
    static void refuseWithoutExpressions(JsonNode request, String absentNote, String... expressionFields) {
        for (String f : expressionFields) {
            if (Request.field(request, f) != null) {
                return;
            }
        }
        if (Request.field(request, "ExpressionAttributeNames") != null) {
            throw DynamoDbException.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        if (Request.field(request, "ExpressionAttributeValues") != null) {
            throw DynamoDbException.validation("ExpressionAttributeValues can only be specified when using expressions"
                    + absentNote);
        }
    }
}

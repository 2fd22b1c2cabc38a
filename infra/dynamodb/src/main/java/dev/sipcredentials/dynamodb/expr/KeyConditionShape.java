package dev.sipcredentials.dynamodb.expr;

import dev.sipcredentials.dynamodb.expr.Conditions.Node;
import java.util.Map;

/**
 * A KeyConditionExpression read, to be checked in the order DynamoDB checks a Query: the expression's syntax (when
 * this is made), then unused ExpressionAttributeNames/Values ({@link ExpressionContext#checkAllUsed()}), then the
 * shape of the key condition ({@link #checkShape}: operators, one condition per top-level attribute, at most two),
 * then whether the table exists, then the key schema ({@link #bind}). So a malformed key condition against a
 * missing table is a ValidationException, a well-formed one on the wrong attributes a ResourceNotFoundException.
 */
public final class KeyConditionShape {
    private final Node root;
    private Map<String, KeyConditions.Simple> conditions;

    KeyConditionShape(Node root) {
        this.root = root;
    }

    /** Throws DynamoDB's ValidationException when the key condition has the wrong shape; idempotent. */
    public KeyConditionShape checkShape() {
        if (conditions == null) {
            conditions = KeyConditions.shape(root);
        }
        return this;
    }

    /**
     * The condition against a table or index whose hash key is {@code hashKey} (of type {@code hashType}: "S", "N",
     * "B", or null not to check) and range key {@code rangeKeyOrNull}: "Query condition missed key schema element:
     * pk", "Query key condition not supported", "One or more parameter values were invalid: Condition parameter type
     * does not match schema type". Checks the shape first if that was not done.
     */
    public KeyCondition bind(String hashKey, String hashType, String rangeKeyOrNull, String rangeTypeOrNull) {
        checkShape();
        return KeyConditions.bind(conditions, hashKey, hashType, rangeKeyOrNull, rangeTypeOrNull);
    }
}

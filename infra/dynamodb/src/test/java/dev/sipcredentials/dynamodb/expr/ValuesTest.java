package dev.sipcredentials.dynamodb.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipcredentials.dynamodb.DynamoDbException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "{'S':'x'}", "{'S':''}", "{'N':'0'}", "{'N':'-1.5e3'}", "{'N':'1E-130'}",
            "{'N':'9.9999999999999999999999999999999999999E+125'}", "{'N':'12345678901234567890123456789012345678'}",
            "{'N':'0.00000000000000000000000000000000000000000000000000000000000000000000000000001'}",
            "{'B':'AQID'}", "{'B':''}", "{'BOOL':false}", "{'NULL':true}", "{'SS':['a','b']}", "{'NS':['1','2']}",
            "{'BS':['AQ==','Ag==']}", "{'L':[]}", "{'L':[{'S':'a'},{'N':'1'}]}", "{'M':{}}", "{'M':{'a':{'L':[{'M':{}}]}}}",
            "{'S':'x','N':null}",
    })
    void accepts(String json) {
        assertThatCode(() -> Values.validate(Json.value(json), "a")).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "{} | Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
            "{'X':'y'} | Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
            "{'S':'a','N':'1'} | Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes",
            "{'NULL':false} | One or more parameter values were invalid: Null attribute value types must have the value of true",
            "{'SS':[]} | One or more parameter values were invalid: An string set  may not be empty",
            "{'NS':[]} | One or more parameter values were invalid: An number set  may not be empty",
            "{'BS':[]} | One or more parameter values were invalid: Binary sets should not be empty",
            "{'SS':['a','b','a']} | One or more parameter values were invalid: Input collection [a, b, a] contains duplicates.",
            "{'NS':['1','1.0']} | Input collection contains duplicates",
            "{'BS':['AQ==','AQ==']} | One or more parameter values were invalid: Input collection [AQ==, AQ==]of type BS contains duplicates.",
            "{'N':''} | The parameter cannot be converted to a numeric value",
            "{'N':'abc'} | The parameter cannot be converted to a numeric value: abc",
            "{'N':'0x10'} | The parameter cannot be converted to a numeric value: 0x10",
            "{'N':'NaN'} | The parameter cannot be converted to a numeric value: NaN",
            "{'N':' 1'} | The parameter cannot be converted to a numeric value:  1",
            "{'N':'1E126'} | Number overflow. Attempting to store a number with magnitude larger than supported range",
            "{'N':'-1E126'} | Number overflow. Attempting to store a number with magnitude larger than supported range",
            "{'N':'1E-131'} | Number underflow. Attempting to store a number with magnitude smaller than supported range",
            "{'N':'123456789012345678901234567890123456789'} | Attempting to store more than 38 significant digits in a Number",
            "{'NS':['1','x']} | The parameter cannot be converted to a numeric value: x",
            "{'L':[{'S':'a'},{}]} | Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
            "{'M':{'a':{'SS':[]}}} | One or more parameter values were invalid: An string set  may not be empty",
    })
    void refuses(String json, String message) {
        assertThatThrownBy(() -> Values.validate(Json.value(json), "a"))
                .isInstanceOf(DynamoDbException.class).hasMessage(message)
                .extracting(e -> ((DynamoDbException) e).type()).isEqualTo("ValidationException");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "{'S':5} | NUMBER_VALUE cannot be converted to String",
            "{'S':true} | TRUE_VALUE cannot be converted to String",
            "{'S':1.5} | DECIMAL_VALUE cannot be converted to String",
            "{'S':['a']} | Unrecognized collection type class java.lang.String",
            "{'N':5} | NUMBER_VALUE cannot be converted to String",
            "{'B':'AQI'} | Base64 encoded length is expected a multiple of 4 bytes but found: 3",
            "{'B':'A$==' } | Invalid last non-pad Base64 character dectected",
            "{'B':5} | only base-64-encoded strings are convertible to bytes",
            "{'BOOL':'maybe'} | Unexpected token received from parser",
            "{'SS':'a'} | Unexpected field type",
            "{'M':[]} | Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>",
    })
    void refusesMalformedJsonAsSerializationErrors(String json, String message) {
        assertThatThrownBy(() -> Values.validate(Json.value(json), "a"))
                .isInstanceOf(DynamoDbException.class).hasMessage(message)
                .extracting(e -> ((DynamoDbException) e).type()).isEqualTo("SerializationException");
    }

    @Test
    void validateItemRefusesAnEmptyName() {
        assertThatThrownBy(() -> Values.validateItem(Json.item("{'':{'S':'x'}}")))
                .hasMessage("One or more parameter values were invalid: An AttributeValue may not contain an empty attribute name");
        assertThatThrownBy(() -> Values.validateItem(Json.item("{'a':{'S':'x'}, 'b':{'N':'x'}}")))
                .hasMessage("The parameter cannot be converted to a numeric value: x");
    }

    @ParameterizedTest(name = "[{index}] {0} = {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "{'S':'a'} | {'S':'a'} | true",
            "{'S':'a'} | {'S':'b'} | false",
            "{'S':'1'} | {'N':'1'} | false",
            "{'N':'1'} | {'N':'1.0'} | true",
            "{'N':'100'} | {'N':'1E2'} | true",
            "{'N':'-0'} | {'N':'0'} | true",
            "{'N':'1'} | {'N':'2'} | false",
            "{'B':'AQ=='} | {'B':'AQ=='} | true",
            "{'B':'AQ=='} | {'B':'Ag=='} | false",
            "{'BOOL':true} | {'BOOL':true} | true",
            "{'BOOL':true} | {'BOOL':false} | false",
            "{'BOOL':true} | {'BOOL':'1'} | true",
            "{'BOOL':false} | {'BOOL':'no'} | true",
            "{'NULL':true} | {'NULL':true} | true",
            "{'SS':['a','b']} | {'SS':['b','a']} | true",
            "{'SS':['a','b']} | {'SS':['a']} | false",
            "{'SS':['a','b']} | {'SS':['a','c']} | false",
            "{'NS':['1','2']} | {'NS':['2.0','1']} | true",
            "{'BS':['AQ==','Ag==']} | {'BS':['Ag==','AQ==']} | true",
            "{'L':[{'S':'a'},{'N':'1'}]} | {'L':[{'S':'a'},{'N':'1.0'}]} | true",
            "{'L':[{'S':'a'},{'N':'1'}]} | {'L':[{'N':'1'},{'S':'a'}]} | false",
            "{'M':{'a':{'N':'1'},'b':{'S':'x'}}} | {'M':{'b':{'S':'x'},'a':{'N':'1.00'}}} | true",
            "{'M':{'a':{'N':'1'}}} | {'M':{'a':{'N':'1'},'b':{'S':'x'}}} | false",
            "{'M':{'a':{'N':'1'}}} | {'M':{'b':{'N':'1'}}} | false",
    })
    void equality(String a, String b, boolean expected) {
        assertThat(Values.equal(Json.value(a), Json.value(b))).isEqualTo(expected);
        assertThat(Values.equal(Json.value(b), Json.value(a))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} vs {1}")
    @CsvSource(delimiter = '|', value = {
            "{'N':'2'} | {'N':'10'} | -1",
            "{'N':'-10'} | {'N':'-2'} | -1",
            "{'N':'1.5'} | {'N':'1.50'} | 0",
            "{'N':'1E2'} | {'N':'99'} | 1",
            "{'S':'a'} | {'S':'b'} | -1",
            "{'S':'B'} | {'S':'a'} | -1",
            "{'S':'a'} | {'S':'ab'} | -1",
            "{'S':'\uFFFD'} | {'S':'\uD83D\uDE00'} | -1",
            "{'S':'é'} | {'S':'z'} | 1",
            "{'B':'AQ=='} | {'B':'Ag=='} | -1",
            "{'B':'/w=='} | {'B':'AQ=='} | 1",
            "{'B':'AQ=='} | {'B':'AQI='} | -1",
    })
    void keyOrder(String a, String b, int expected) {
        assertThat(Integer.signum(Values.compareKeys(Json.value(a), Json.value(b)))).isEqualTo(expected);
        assertThat(Integer.signum(Values.compareKeys(Json.value(b), Json.value(a)))).isEqualTo(-expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "{'N':'1.50'} | {'N':'1.5'}",
            "{'N':'100'} | {'N':'1E+2'}",
            "{'N':'0.0'} | {'N':'-0'}",
            "{'S':'x'} | {'S':'x'}",
            "{'B':'AQ=='} | {'B':'AQ=='}",
    })
    void canonicalKeysOfEqualValuesAreEqual(String a, String b) {
        assertThat(Values.canonicalKey(Json.value(a))).isEqualTo(Values.canonicalKey(Json.value(b)));
    }

    @Test
    void canonicalKeysOfDifferentValuesDiffer() {
        assertThat(Values.canonicalKey(Json.value("{'S':'1'}"))).isNotEqualTo(Values.canonicalKey(Json.value("{'N':'1'}")));
        assertThat(Values.canonicalKey(Json.value("{'N':'1'}"))).isNotEqualTo(Values.canonicalKey(Json.value("{'N':'10'}")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "{'S':''} | 0",
            "{'S':'abc'} | 3",
            "{'S':'é'} | 2",
            "{'S':'€'} | 3",
            "{'S':'\uD83D\uDE00'} | 4",
            "{'B':''} | 0",
            "{'B':'AQ=='} | 1",
            "{'B':'AQI='} | 2",
            "{'B':'AQID'} | 3",
            "{'BOOL':true} | 1",
            "{'NULL':true} | 1",
            "{'N':'0'} | 1",
            "{'N':'1'} | 2",
            "{'N':'12'} | 2",
            "{'N':'123'} | 3",
            "{'N':'1.2'} | 3",
            "{'N':'-1'} | 3",
            "{'N':'100'} | 2",
            "{'N':'1234567890'} | 6",
            "{'N':'12345678901234567890123456789012345678'} | 20",
            "{'SS':['a','bc']} | 3",
            "{'NS':['1','12']} | 4",
            "{'BS':['AQ==','AQI=']} | 3",
            "{'L':[]} | 3",
            "{'L':[{'S':'ab'},{'N':'1'}]} | 9",
            "{'M':{}} | 3",
            "{'M':{'ab':{'S':'cd'}}} | 8",
    })
    void size(String json, int expected) {
        assertThat(Values.size(Json.value(json))).isEqualTo(expected);
    }

    @Test
    void itemSizeCountsNamesAndValues() {
        assertThat(Values.itemSize(Json.item("{'pk':{'S':'abc'}, 'n':{'N':'12'}, 'é':{'BOOL':true}}")))
                .isEqualTo(2 + 3 + 1 + 2 + 2 + 1);
        assertThat(Values.itemSize(Json.item("{}"))).isZero();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "{'N':'42'} | {'N':'42'}",
            "{'N':'00042'} | {'N':'42'}",
            "{'N':'1.0'} | {'N':'1'}",
            "{'N':'3.140'} | {'N':'3.14'}",
            "{'N':'1.5E2'} | {'N':'150'}",
            "{'N':'-0'} | {'N':'0'}",
            "{'N':'0.000'} | {'N':'0'}",
            "{'N':'-12.50'} | {'N':'-12.5'}",
            "{'N':'1E-3'} | {'N':'0.001'}",
            "{'NS':['1','2.0','3E1']} | {'NS':['1','2','30']}",
            "{'L':[{'S':'a'},{'N':'1.0'}]} | {'L':[{'S':'a'},{'N':'1'}]}",
            "{'M':{'a':{'N':'01'},'b':{'S':'01'}}} | {'M':{'a':{'N':'1'},'b':{'S':'01'}}}",
            "{'S':'1.0'} | {'S':'1.0'}",
            "{'BOOL':'1'} | {'BOOL':true}",
            "{'BOOL':'no'} | {'BOOL':false}",
            "{'NULL':'YES'} | {'NULL':true}",
            "{'L':[{'BOOL':'true'}]} | {'L':[{'BOOL':true}]}",
    })
    void normalizesNumbersAsDynamoDbReturnsThem(String json, String expected) {
        assertThat(Values.normalize(Json.value(json)).toString().replace('"', '\'')).isEqualTo(expected);
    }

    @Test
    void normalizeKeepsTheSameNodesWhenNothingChanges() {
        var v = Json.value("{'M':{'a':{'N':'1'},'l':{'L':[{'NS':['2']}]}}}");
        assertThat(Values.normalize(v)).isSameAs(v);
        var item = Json.item("{'a':{'N':'1'},'b':{'S':'x'}}");
        assertThat(Values.normalizeItem(item)).isSameAs(item);
        var changed = Json.item("{'a':{'N':'1.0'},'b':{'S':'x'}}");
        assertThat(Json.text(Values.normalizeItem(changed))).isEqualTo("{'a':{'N':'1'},'b':{'S':'x'}}");
        assertThat(Json.text(changed)).isEqualTo("{'a':{'N':'1.0'},'b':{'S':'x'}}");
    }
}

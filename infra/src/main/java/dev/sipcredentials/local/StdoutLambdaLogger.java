package dev.sipcredentials.local;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** Lambda writes context.getLogger() output to the function's log stream; locally that is stdout. */
final class StdoutLambdaLogger implements LambdaLogger {

  private final String prefix;

  StdoutLambdaLogger(String functionName, String requestId) {
    this.prefix = "[" + functionName + " " + requestId + "] ";
  }

  @Override
  public void log(String message) {
    System.out.println(prefix + message);
  }

  @Override
  public void log(byte[] message) {
    log(new String(message, StandardCharsets.UTF_8));
  }
}

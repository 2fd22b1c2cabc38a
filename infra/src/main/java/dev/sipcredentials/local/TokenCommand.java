package dev.sipcredentials.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar sip-credentials-local.jar token --account 41 --vendor V --organization O}: prints a development
 * token signed with the local key in the state directory, for the issuer and audience template.yaml's authorizer
 * checks. Each {@code --organization} pairs with the {@code --vendor} before it.
 */
final class TokenCommand {

  static final int DEFAULT_HOURS = 12;
  /**
   * A development token is a bearer secret that cannot be revoked (only a new signing key ends it): it may last a
   * working day, not the month earlier versions allowed.
   */
  static final int MAX_HOURS = (int) LocalJwtAuthorizer.MAX_LIFETIME.toHours();

  private TokenCommand() {}

  record Request(List<String> accounts, List<String> organizations, Path stateDir, Path template, int hours) {}

  static Request parse(String... args) {
    List<String> accounts = new ArrayList<>();
    List<String> organizations = new ArrayList<>();
    Path stateDir = LocalStateDirectory.DEFAULT;
    Path template = null;
    int hours = DEFAULT_HOURS;
    String vendor = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--account" -> accounts.add(Main.Arguments.value(args, ++i, arg));
        case "--vendor" -> vendor = Main.Arguments.value(args, ++i, arg);
        case "--organization" -> {
          if (vendor == null) {
            throw new IllegalArgumentException("--organization needs a --vendor before it");
          }
          organizations.add(vendor + "/" + Main.Arguments.value(args, ++i, arg));
        }
        case "--state-dir" -> stateDir = Path.of(Main.Arguments.value(args, ++i, arg));
        case "--template" -> template = Path.of(Main.Arguments.value(args, ++i, arg));
        case "--hours" -> {
          try {
            hours = Integer.parseInt(Main.Arguments.value(args, ++i, arg));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--hours must be a number");
          }
          if (hours < 1 || hours > MAX_HOURS) {
            throw new IllegalArgumentException("--hours must be 1.." + MAX_HOURS);
          }
        }
        default -> throw new IllegalArgumentException("Unknown token option: " + arg);
      }
    }
    if (accounts.isEmpty() && organizations.isEmpty()) {
      throw new IllegalArgumentException("token needs at least one --account or --vendor V --organization O");
    }
    return new Request(accounts, organizations, stateDir, template, hours);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      Request request = parse(args);
      Path templateFile = request.template() != null ? request.template()
          : SamTemplate.locate(Path.of(System.getProperty("user.dir")));
      JwtAuthorizerConfig config = JwtAuthorizerConfig.fromTemplate(templateFile).orElseThrow(
          () -> new IllegalArgumentException(templateFile + " declares no JWT authorizer; no token is needed"));
      LocalJwtAuthorizer authorizer = new LocalJwtAuthorizer(config,
          new LocalStateDirectory(request.stateDir()).jwtSigningKey(), Clock.systemUTC());
      out.println(authorizer.issue(request.accounts(), request.organizations(), Duration.ofHours(request.hours())));
      return 0;
    } catch (RuntimeException e) {
      err.println(e.getMessage());
      return 2;
    }
  }
}

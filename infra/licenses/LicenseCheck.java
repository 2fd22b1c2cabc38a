import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Fails the build when a resolved dependency (any scope, test included) is not under an OSI-approved licence.
 *
 * <p>Run by every module's {@code verify} phase (root pom) as a single-file program over the list that
 * {@code dependency:list} wrote: {@code java LicenseCheck.java <list file> <allowed-licenses.txt>}. The licence of
 * an artifact is read from its POM in the local repository (or the nearest parent POM that declares one); each
 * name/URL is mapped to an SPDX id by the patterns in allowed-licenses.txt. An artifact passes when at least one of
 * its licences maps to an allowed id (dual licences); a licence matching a deny pattern, or one that maps to
 * nothing, fails with the artifact named. So a dependency like DynamoDB Local (vendor terms) cannot come back
 * unnoticed, and a new licence name needs a deliberate line in allowed-licenses.txt.
 *
 * <p>{@code java LicenseCheck.java --self-test <allowed-licenses.txt>} checks the mapping itself.
 */
public final class LicenseCheck {

  private final List<Map.Entry<Pattern, String>> allowed = new ArrayList<>();
  private final List<Pattern> denied = new ArrayList<>();
  private final Map<Path, List<String>> pomLicences = new LinkedHashMap<>();

  LicenseCheck(Path rules) throws IOException {
    for (String line : Files.readAllLines(rules)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] parts = trimmed.split("\\s*\\|\\s*", 2);
      if (parts[0].equals("DENY")) {
        denied.add(Pattern.compile(parts[1], Pattern.CASE_INSENSITIVE));
      } else {
        allowed.add(Map.entry(Pattern.compile(parts[1], Pattern.CASE_INSENSITIVE), parts[0]));
      }
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--self-test")) {
      System.exit(new LicenseCheck(Path.of(args[1])).selfTest());
    }
    if (args.length != 2) {
      System.err.println("usage: java LicenseCheck.java <dependency:list file> <allowed-licenses.txt>");
      System.exit(2);
    }
    LicenseCheck check = new LicenseCheck(Path.of(args[1]));
    List<String> problems = check.check(Files.readAllLines(Path.of(args[0])));
    if (!problems.isEmpty()) {
      System.err.println("[license-check] dependencies not under an OSI-approved licence (" + args[0] + "):");
      problems.forEach(p -> System.err.println("[license-check]   " + p));
      System.exit(1);
    }
  }

  /** The verdict for one licence text (name and URL): an allowed SPDX id, or null when denied or unknown. */
  String spdxOf(String licence) {
    for (Pattern deny : denied) {
      if (deny.matcher(licence).find()) {
        return null;
      }
    }
    for (Map.Entry<Pattern, String> rule : allowed) {
      if (rule.getKey().matcher(licence).find()) {
        return rule.getValue();
      }
    }
    return null;
  }

  List<String> check(List<String> listing) throws Exception {
    List<String> problems = new ArrayList<>();
    for (String line : listing) {
      String entry = line.strip();
      int module = entry.indexOf(" -- ");
      if (module >= 0) {
        entry = entry.substring(0, module);
      }
      String[] f = entry.split(":");
      if (f.length < 6 || !entry.contains("/")) {
        continue; // headers and blank lines of dependency:list
      }
      String group = f[0];
      String artifact = f[1];
      String version = f[f.length - 3];
      Path file = Path.of(f[f.length - 1]);
      if (group.equals("dev.sipcredentials")) {
        continue; // this project (LICENSE at the top)
      }
      Path repository = file.getParent().getParent().getParent();
      for (int i = 0; i < group.split("\\.").length; i++) {
        repository = repository.getParent();
      }
      List<String> licences = licencesOf(repository, group, artifact, version);
      String coordinates = group + ":" + artifact + ":" + version;
      if (licences.isEmpty()) {
        problems.add(coordinates + ": no licence declared in its POM or parents");
        continue;
      }
      boolean ok = licences.stream().anyMatch(l -> spdxOf(l) != null);
      if (!ok) {
        problems.add(coordinates + ": " + String.join(" / ", licences));
      }
    }
    return problems;
  }

  private List<String> licencesOf(Path repository, String group, String artifact, String version)
      throws Exception {
    Path pom = repository.resolve(group.replace('.', '/')).resolve(artifact).resolve(version)
        .resolve(artifact + "-" + version + ".pom");
    List<String> cached = pomLicences.get(pom);
    if (cached != null) {
      return cached;
    }
    List<String> result = new ArrayList<>();
    if (Files.isRegularFile(pom)) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document document = factory.newDocumentBuilder().parse(pom.toFile());
      Element project = document.getDocumentElement();
      Element licences = child(project, "licenses");
      if (licences != null) {
        NodeList list = licences.getElementsByTagName("license");
        for (int i = 0; i < list.getLength(); i++) {
          Element licence = (Element) list.item(i);
          result.add(text(licence, "name") + " <" + text(licence, "url") + ">");
        }
      }
      Element parent = child(project, "parent");
      if (result.isEmpty() && parent != null) {
        result = licencesOf(repository, text(parent, "groupId"), text(parent, "artifactId"), text(parent, "version"));
      }
    }
    pomLicences.put(pom, result);
    return result;
  }

  private static Element child(Element element, String name) {
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && name.equals(n.getNodeName())) {
        return (Element) n;
      }
    }
    return null;
  }

  private static String text(Element element, String name) {
    Element child = child(element, name);
    return child == null ? "" : child.getTextContent().strip();
  }

  private int selfTest() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("The Apache Software License, Version 2.0 <https://www.apache.org/licenses/LICENSE-2.0.txt>", "Apache-2.0");
    cases.put("MIT License <https://opensource.org/licenses/MIT>", "MIT");
    cases.put("Eclipse Public License - v 2.0 <https://www.eclipse.org/legal/epl-2.0/>", "EPL-2.0");
    cases.put("Amazon Software License <http://aws.amazon.com/asl/>", null);
    cases.put("DynamoDB Local License Agreement <https://aws.amazon.com/dynamodb/dynamodblocallicense>", null);
    cases.put("Proprietary <>", null);
    cases.put("Some Unknown Licence <>", null);
    TreeSet<String> failures = new TreeSet<>();
    cases.forEach((licence, expected) -> {
      String actual = spdxOf(licence);
      if (expected == null ? actual != null : !expected.equals(actual)) {
        failures.add(licence + " -> " + actual + ", expected " + expected);
      }
    });
    failures.forEach(f -> System.err.println("[license-check] self-test: " + f));
    return failures.isEmpty() ? 0 : 1;
  }
}

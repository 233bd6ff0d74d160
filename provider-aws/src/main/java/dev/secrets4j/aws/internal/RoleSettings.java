package dev.secrets4j.aws.internal;

import dev.secrets4j.spi.SourceUri;
import java.util.regex.Pattern;

/**
 * The role a source assumes with STS {@code AssumeRole} ({@code roleArn=}), over the credentials it has otherwise:
 * a cross-account role, or a narrower role than the workload's.
 *
 * @param roleArn the role: {@code arn:aws:iam::ACCOUNT:role/NAME}
 * @param externalId the external id the role's trust policy asks for, or null
 * @param sessionName the session name (CloudTrail shows it), {@code secrets4j} by default
 */
record RoleSettings(String roleArn, String externalId, String sessionName) {
  static final String ROLE_ARN = "roleArn";
  static final String EXTERNAL_ID = "externalId";
  static final String SESSION_NAME = "sessionName";
  static final String DEFAULT_SESSION_NAME = "secrets4j";

  /** The forms of the role parameters, compiled only for a URI that names a role. */
  private static final class Forms {
    static final Pattern ARN = Pattern.compile("arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}");
    static final Pattern EXTERNAL = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    static final Pattern SESSION = Pattern.compile("[\\w+=,.@-]{2,64}");

    private Forms() {}
  }

  /**
   * The role {@code uri} names, or null when it sets no {@code roleArn}.
   *
   * @throws dev.secrets4j.SecretConfigurationException for a malformed value, or {@code externalId}/{@code
   *     sessionName} without {@code roleArn}
   */
  static RoleSettings parse(SourceUri uri) {
    String arn = uri.param(ROLE_ARN).orElse(null);
    String external = uri.param(EXTERNAL_ID).orElse(null);
    String session = uri.param(SESSION_NAME).orElse(null);
    if (arn == null) {
      if (external != null || session != null) {
        throw AwsSourceSettings.bad(uri, "sets " + (external != null ? EXTERNAL_ID : SESSION_NAME) + " without "
            + "roleArn; they describe the role to assume: add roleArn=arn:aws:iam::ACCOUNT:role/NAME");
      }
      return null;
    }
    if (!Forms.ARN.matcher(arn).matches()) {
      throw AwsSourceSettings.bad(uri, "has roleArn=" + arn + ", which is not an IAM role ARN; give "
          + "arn:aws:iam::123456789012:role/NAME");
    }
    if (external != null && !Forms.EXTERNAL.matcher(external).matches()) {
      throw AwsSourceSettings.bad(uri, "has a malformed externalId; it is 2 to 1224 characters of letters, digits "
          + "and +=,.@:/-");
    }
    if (session != null && !Forms.SESSION.matcher(session).matches()) {
      throw AwsSourceSettings.bad(uri, "has sessionName=" + session + "; it is 2 to 64 characters of letters, "
          + "digits and +=,.@-");
    }
    return new RoleSettings(arn, external, session == null ? DEFAULT_SESSION_NAME : session);
  }

  @Override
  public String toString() {
    return "role " + roleArn + " (session " + sessionName + (externalId == null ? "" : ", with an external id") + ")";
  }
}

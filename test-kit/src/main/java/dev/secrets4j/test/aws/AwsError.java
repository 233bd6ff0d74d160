package dev.secrets4j.test.aws;

/** An error answer in AWS JSON 1.1: HTTP status, {@code __type} and message. The message never holds a value. */
final class AwsError extends Exception {
  private static final long serialVersionUID = 1L;
  final int status;
  final String type;

  AwsError(int status, String type, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
  }

  static AwsError invalidParameter(String message) {
    return new AwsError(400, "InvalidParameterException", message);
  }

  static AwsError notFound(String message) {
    return new AwsError(400, "ResourceNotFoundException", message);
  }

  /** {@code AccessDeniedException} as IAM words it for {@code action} on {@code resource}. */
  static AwsError denied(String action, String resource) {
    return new AwsError(400, "AccessDeniedException", "User: arn:aws:iam::" + LocalSecretsManager.ACCOUNT
        + ":user/test is not authorized to perform: secretsmanager:" + action + " on resource: " + resource
        + " because no identity-based policy allows the secretsmanager:" + action + " action");
  }
}

package dev.secrets4j.file.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Decoding and display helpers shared by the formats. */
final class Text {
  /** What a key or secret name may look like to be shown in a message. */
  private static final Pattern SHOWABLE = Pattern.compile("[A-Za-z0-9_.\\-/]{1,128}");

  private Text() {}

  /**
   * Decodes strict UTF-8 (malformed input is an error naming the line), drops a leading byte order mark,
   * and turns CRLF and lone CR into LF.
   */
  static String decodeUtf8(byte[] bytes) throws MalformedContentException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      r = decoder.flush(out);
    }
    if (r.isError()) {
      int at = in.position();
      throw new MalformedContentException("line " + lineOfByte(bytes, at) + ": not valid UTF-8 (byte offset " + at
          + "); save the file as UTF-8");
    }
    out.flip();
    String s = out.toString();
    if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
      s = s.substring(1);
    }
    return normalizeNewlines(s);
  }

  /** CRLF and lone CR become LF. */
  static String normalizeNewlines(String s) {
    if (s.indexOf('\r') < 0) {
      return s;
    }
    return s.replace("\r\n", "\n").replace('\r', '\n');
  }

  private static int lineOfByte(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  /** {@code 'key'} when {@code key} looks like a name, else {@code fallback}: a message never shows what may be a value. */
  static String showKey(String key, String fallback) {
    return key != null && SHOWABLE.matcher(key).matches() ? "'" + key + "'" : fallback;
  }

  /** A caller-supplied secret name made printable (control characters replaced, length capped). */
  static String showName(String name) {
    StringBuilder sb = new StringBuilder(Math.min(name.length(), 200));
    for (int i = 0; i < name.length() && i < 200; i++) {
      char c = name.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    if (name.length() > 200) {
      sb.append('…');
    }
    return sb.toString();
  }
}

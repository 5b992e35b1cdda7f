package io.netemu.node.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words as a POSIX shell does (XCU 2.2 Quoting, 2.6.5 field
 * splitting with the default IFS), and nothing more: no pipes, redirections, variables, globs or
 * comments, so {@code ; | > $ * # ~} stay ordinary characters and
 * {@code nft add chain inet filter input { type filter hook input priority 0 \; }} reaches nft as
 * on a shell.
 * <ul>
 *   <li>space, tab and newline separate words; quotes make empty words ({@code ''});</li>
 *   <li>'single quotes' keep everything literally;</li>
 *   <li>"double quotes" keep everything but backslash-escapes of {@code \ $ " `} and newline;</li>
 *   <li>outside quotes a backslash escapes the next character; backslash-newline joins lines;
 *       a backslash ending the line stays literal, as dash and bash leave it.</li>
 * </ul>
 */
public final class ShellWords {
    private ShellWords() {
    }

    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\\' && i + 1 < n && line.charAt(i + 1) == '\n') {
                i += 2;   // line continuation: vanishes, and neither starts nor ends a word
            } else {
                inWord = true;
                if (c == '\'') {
                    int end = line.indexOf('\'', i + 1);
                    if (end < 0) {
                        throw unterminated('\'', i);
                    }
                    word.append(line, i + 1, end);
                    i = end + 1;
                } else if (c == '"') {
                    i = doubleQuoted(line, i, word);
                } else if (c == '\\' && i + 1 < n) {
                    word.append(line.charAt(i + 1));
                    i += 2;
                } else {
                    word.append(c);
                    i++;
                }
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return List.copyOf(words);
    }

    /** Appends the body of the double-quoted string opening at {@code open}; returns the index after it. */
    private static int doubleQuoted(String line, int open, StringBuilder word) {
        int i = open + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && "\\$\"`\n".indexOf(line.charAt(i + 1)) >= 0) {
                if (line.charAt(i + 1) != '\n') {
                    word.append(line.charAt(i + 1));
                }
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw unterminated('"', open);
    }

    private static IllegalArgumentException unterminated(char quote, int at) {
        return new IllegalArgumentException("unterminated quote: the " + quote + " at character " + (at + 1)
                + " is never closed");
    }
}

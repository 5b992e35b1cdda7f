package io.netemu.node.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void plainWords() {
        assertEquals(List.of("ip", "addr", "add", "10.0.1.2/24", "dev", "eth0"),
                ShellWords.split("ip addr add 10.0.1.2/24 dev eth0"));
    }

    @Test
    void nftExampleFromTheSpecReachesNftAsOnAShell() {
        assertEquals(List.of("nft", "add", "chain", "inet", "filter", "input", "{", "type", "filter", "hook", "input",
                        "priority", "0", ";", "}"),
                ShellWords.split("nft add chain inet filter input { type filter hook input priority 0 \\; }"));
    }

    @Test
    void shellMetacharactersAreOrdinary() {
        assertEquals(List.of("echo", "a;b", "|", "c", ">", "d", "$HOME", "*", "#", "~", "a&b"),
                ShellWords.split("echo a;b | c > d $HOME * # ~ a&b"));
    }

    @Test
    void singleQuotesAreLiteral() {
        assertEquals(List.of("echo", "a  b", "c\\d", "$x \"y\""), ShellWords.split("echo 'a  b' 'c\\d' '$x \"y\"'"));
    }

    @Test
    void doubleQuotesEscapeOnlyBackslashDollarQuoteAndBacktick() {
        assertEquals(List.of("a \"b\" $x \\ ` \\q \\n"), ShellWords.split("\"a \\\"b\\\" \\$x \\\\ \\` \\q \\n\""));
    }

    @Test
    void backslashOutsideQuotesEscapesTheNextCharacter() {
        assertEquals(List.of("a b", "'", "\"", "\\", "x"), ShellWords.split("a\\ b \\' \\\" \\\\ \\x"));
    }

    @Test
    void quotesJoinAdjacentPartsAndMakeEmptyWords() {
        assertEquals(List.of("abc", "", "", "x"), ShellWords.split("a'b'\"c\" '' \"\" x"));
    }

    @Test
    void whiteSpaceIsSpaceTabAndNewline() {
        assertEquals(List.of("a", "b", "c"), ShellWords.split("  a\tb\n c  "));
        assertEquals(List.of(), ShellWords.split(""));
        assertEquals(List.of(), ShellWords.split(" \t\n"));
    }

    @Test
    void backslashNewlineJoinsLines() {
        assertEquals(List.of("a", "b"), ShellWords.split("a \\\n b"));
        assertEquals(List.of("ab"), ShellWords.split("a\\\nb"));
        assertEquals(List.of("ab"), ShellWords.split("\"a\\\nb\""));
        assertEquals(List.of("a\\\nb"), ShellWords.split("'a\\\nb'"));
    }

    @Test
    void trailingBackslashStaysLiteralAsInDashAndBash() {
        assertEquals(List.of("a\\"), ShellWords.split("a\\"));
    }

    @Test
    void unterminatedQuotes() {
        IllegalArgumentException single = assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo 'x"));
        assertEquals("unterminated quote: the ' at character 6 is never closed", single.getMessage());
        IllegalArgumentException dbl = assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo \"x\\\""));
        assertEquals("unterminated quote: the \" at character 6 is never closed", dbl.getMessage());
    }
}

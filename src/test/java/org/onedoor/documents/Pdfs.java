package org.onedoor.documents;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

/** Looks at a PDF as poppler sees it (poppler-utils, installed by the test command): text, pages, fonts, images. */
final class Pdfs {

    private Pdfs() {
    }

    /** The text layer, whitespace collapsed, in NFC. */
    static String text(byte[] pdf) {
        return Normalizer.normalize(run(pdf, "pdftotext", "-enc", "UTF-8", "{in}", "-").replaceAll("\\s+", " "), Normalizer.Form.NFC);
    }

    /** The page size in millimetres (first page) and the page count. */
    static double[] pageSizeMm(byte[] pdf) {
        var info = run(pdf, "pdfinfo", "{in}");
        var size = info.lines().filter(l -> l.startsWith("Page size:")).findFirst().orElseThrow();
        var m = java.util.regex.Pattern.compile("([\\d.]+) x ([\\d.]+) pts").matcher(size);
        if (!m.find()) throw new IllegalStateException(size);
        var pages = info.lines().filter(l -> l.startsWith("Pages:")).findFirst().orElseThrow().replaceAll("\\D", "");
        return new double[] {Double.parseDouble(m.group(1)) * 25.4 / 72, Double.parseDouble(m.group(2)) * 25.4 / 72, Integer.parseInt(pages)};
    }

    /** The embedded fonts' names. */
    static List<String> fonts(byte[] pdf) {
        var lines = run(pdf, "pdffonts", "{in}").lines().skip(2).toList();
        var names = new ArrayList<String>();
        for (var l : lines) {
            var name = l.split("\\s+")[0];
            if (!l.contains(" yes yes ")) throw new AssertionError("font not embedded as a subset: " + l);
            names.add(name.substring(name.indexOf('+') + 1));
        }
        return names;
    }

    /** The first page as an image at the resolution given. */
    static BufferedImage page(byte[] pdf, int dpi) {
        try {
            var dir = Files.createTempDirectory("pdf");
            var in = dir.resolve("in.pdf");
            Files.write(in, pdf);
            exec(List.of("pdftoppm", "-png", "-r", String.valueOf(dpi), "-f", "1", "-l", "1", "-singlefile", in.toString(),
                    dir.resolve("page").toString()));
            return ImageIO.read(dir.resolve("page.png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of the QR code on the image, if one can be read. */
    static String qr(BufferedImage image) {
        try {
            var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
            return new com.google.zxing.MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE,
                    DecodeHintType.POSSIBLE_FORMATS, List.of(com.google.zxing.BarcodeFormat.QR_CODE))).getText();
        } catch (NotFoundException e) {
            throw new AssertionError("no QR code readable on the page");
        }
    }

    /** The topmost row with ink (darker than mid-grey), or -1 for a blank image. */
    static int inkTop(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int grey = ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
                if (grey < 128) return y;
            }
        }
        return -1;
    }

    /** The lowest row with ink, or -1. */
    static int inkBottom(BufferedImage image) {
        for (int y = image.getHeight() - 1; y >= 0; y--) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3 < 128) return y;
            }
        }
        return -1;
    }

    /**
     * The base letters of a text, without Lao vowel and tone marks and without spaces. FOP writes each Lao mark as a
     * glyph of its own, at its stacked position, and text extraction lists such marks apart from their base letter
     * (ADR 0024); the base letters come out in order, and the marks are counted separately ({@link #laoMarks}).
     */
    static String laoLetters(String text) {
        var out = new StringBuilder();
        for (char c : text.toCharArray()) if (!laoMark(c) && !Character.isWhitespace(c)) out.append(c);
        return out.toString();
    }

    /** The Lao marks of a text, sorted: the same multiset in the source and in the text layer. */
    static String laoMarks(String text) {
        var out = new StringBuilder();
        text.chars().filter(c -> laoMark((char) c)).sorted().forEach(c -> out.append((char) c));
        return out.toString();
    }

    private static boolean laoMark(char c) {
        return c == '\u0EB1' || c >= '\u0EB4' && c <= '\u0EBC' || c >= '\u0EC8' && c <= '\u0ECD';
    }

    private static String run(byte[] pdf, String... command) {
        try {
            var in = Files.createTempFile("doc", ".pdf");
            Files.write(in, pdf);
            var args = new ArrayList<String>();
            for (var c : command) args.add(c.equals("{in}") ? in.toString() : c);
            var out = exec(args);
            Files.deleteIfExists(in);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String exec(List<String> command) {
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(false).start();
            var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            var err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) throw new IllegalStateException(command + " failed: " + err);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void keep(Path dir, String name, byte[] bytes) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.onedoor.shared;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** QR codes as inline PNG images: the {@code otpauth} URI on an enrolment page, the verification link on an official form. */
public final class QrCodes {

    public static final int MINIMUM_SIZE = 64;
    public static final int MAXIMUM_SIZE = 1024;

    private QrCodes() {
    }

    /**
     * A {@code data:image/png;base64,…} URI of a square QR code of {@code size} pixels holding {@code text} as UTF-8.
     *
     * @throws IllegalArgumentException if the size is outside 64–1024 pixels or the text does not fit in a QR code
     */
    public static String pngDataUri(String text, int size) {
        if (size < MINIMUM_SIZE || size > MAXIMUM_SIZE) {
            throw new IllegalArgumentException("A QR code is " + MINIMUM_SIZE + " to " + MAXIMUM_SIZE + " pixels wide");
        }
        // Level M survives a smudged or glaring screen; the quiet zone of 4 modules is what the standard asks.
        var hints = Map.of(
                EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name(),
                EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                EncodeHintType.MARGIN, 4);
        try {
            var matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, hints);
            var png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", png);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
        } catch (WriterException e) {
            throw new IllegalArgumentException("The text does not fit in a QR code", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.onedoor.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The tracking book (form 06) as an Excel workbook: the same columns as the PDF, A4 landscape when printed. */
@Component
class TrackingBookSheet {

    static final String[] COLUMNS = {"n", "code", "procedure", "sets", "applicant", "address", "phone", "receivedAt", "dueAt",
            "processedAt", "returnedAt", "status"};

    private final MessageSource messages;

    TrackingBookSheet(MessageSource messages) {
        this.messages = messages;
    }

    byte[] workbook(String title, String unit, String from, String to, List<Map<String, Object>> rows, Locale locale) {
        try (var book = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var sheet = book.createSheet(nfc(messages.getMessage("doc.book.sheet", null, locale)));
            sheet.getPrintSetup().setLandscape(true);
            sheet.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
            var bold = book.createFont();
            bold.setBold(true);
            var heading = book.createCellStyle();
            heading.setFont(bold);
            heading.setAlignment(HorizontalAlignment.CENTER);
            var header = book.createCellStyle();
            header.setFont(bold);
            header.setWrapText(true);
            boxed(header);
            var cell = book.createCellStyle();
            cell.setWrapText(true);
            boxed(cell);
            int r = 0;
            var titleRow = sheet.createRow(r++);
            titleRow.createCell(0).setCellValue(nfc(title));
            titleRow.getCell(0).setCellStyle(heading);
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, COLUMNS.length - 1));
            var unitRow = sheet.createRow(r++);
            unitRow.createCell(0).setCellValue(nfc(unit + " — " + messages.getMessage("doc.book.period", new Object[] {from, to}, locale)));
            sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, COLUMNS.length - 1));
            r++;
            var head = sheet.createRow(r++);
            for (int c = 0; c < COLUMNS.length; c++) {
                var h = head.createCell(c);
                h.setCellValue(nfc(messages.getMessage("doc.book.column." + COLUMNS[c], null, locale)));
                h.setCellStyle(header);
            }
            for (var row : rows) {
                var line = sheet.createRow(r++);
                for (int c = 0; c < COLUMNS.length; c++) {
                    var v = row.get(COLUMNS[c]);
                    var x = line.createCell(c);
                    if (v instanceof Number n) x.setCellValue(n.doubleValue());
                    else x.setCellValue(v == null ? "" : nfc(v.toString()));
                    x.setCellStyle(cell);
                }
            }
            int[] widths = {5, 20, 40, 6, 24, 30, 14, 17, 17, 17, 17, 18};
            for (int c = 0; c < widths.length; c++) sheet.setColumnWidth(c, widths[c] * 256);
            sheet.createFreezePane(0, 4);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void boxed(CellStyle style) {
        style.setBorderBottom(BorderStyle.THIN);
        style.setBorderTop(BorderStyle.THIN);
        style.setBorderLeft(BorderStyle.THIN);
        style.setBorderRight(BorderStyle.THIN);
    }

    private static String nfc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }
}

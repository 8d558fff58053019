package dbt.runtime.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;

/**
 * The chart of {@code dbt bench}: per benchmark (and for the geometric mean) a group of two bars, the wall time
 * of qemu-riscv64 and of dbt relative to native, on a logarithmic axis with a dashed line at 1 (native speed).
 * Drawn with java.awt into a {@link BufferedImage}, headless, and written as PNG.
 */
public final class BenchChart {
    public static final int DEFAULT_WIDTH = 1200;
    public static final int DEFAULT_HEIGHT = 600;

    static final Color QEMU = new Color(0x9a, 0x9a, 0x9a);
    static final Color DBT = new Color(0x1f, 0x77, 0xb4);
    private static final Color GRID = new Color(0xe4, 0xe4, 0xe4);
    private static final Color FAIL = new Color(0xc0, 0x20, 0x20);
    private static final double[] STEPS = {1, 2, 5};

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private BenchChart() {}

    /** Renders the chart of {@code table} and writes it to {@code png} (parent directories are created). */
    public static void write(BenchTable table, String subtitle, Path png, int width, int height) throws IOException {
        BufferedImage image = render(table, subtitle, width, height);
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    /** One group of bars: a label and the two ratios (empty: not measured, with the reason in {@code missing}). */
    record Group(String label, OptionalDouble qemu, OptionalDouble dbt, String qemuMissing, String dbtMissing) {}

    static List<Group> groups(BenchTable table) {
        List<Group> groups = new ArrayList<>();
        for (BenchResult r : table.rows()) {
            groups.add(new Group(r.name(), r.qemuVsNative(), r.dbtVsNative(), missing(r.qemu(), r.nativeRun()),
                    missing(r.dbt(), r.nativeRun())));
        }
        groups.add(new Group(BenchTable.GEOMEAN, table.geomeanQemuVsNative(), table.geomeanDbtVsNative(), "n/a", "n/a"));
        return groups;
    }

    private static String missing(Measurement m, Measurement nativeRun) {
        Measurement culprit = m.ok() ? nativeRun : m;
        return culprit.status() == Measurement.Status.OK ? "n/a" : culprit.cell();
    }

    static BufferedImage render(BenchTable table, String subtitle, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            new Painter(g, width, height).paint(groups(table), subtitle);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Draws into one image; text drawing is skipped if the platform has no usable fonts. */
    private static final class Painter {
        private final Graphics2D g;
        private final int width;
        private final int height;
        private boolean textWorks = true;

        Painter(Graphics2D g, int width, int height) {
            this.g = g;
            this.width = width;
            this.height = height;
        }

        void paint(List<Group> groups, String subtitle) {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);

            int left = 70;
            int right = 20;
            int top = 78;
            int bottom = 48;
            int plotW = Math.max(1, width - left - right);
            int plotH = Math.max(1, height - top - bottom);

            double min = 1;
            double max = 1;
            for (Group gr : groups) {
                for (OptionalDouble v : List.of(gr.qemu(), gr.dbt())) {
                    if (v.isPresent() && v.getAsDouble() > 0) {
                        min = Math.min(min, v.getAsDouble());
                        max = Math.max(max, v.getAsDouble());
                    }
                }
            }
            double lo = tickAtOrBelow(min / 1.15);
            double hi = tickAtOrAbove(max * 1.25);
            Scale y = new Scale(lo, hi, top + plotH, top);

            // title and subtitle
            g.setColor(Color.BLACK);
            font(Font.BOLD, 17);
            text("dbt bench: wall time relative to native (lower is better, log scale)", left, 26);
            font(Font.PLAIN, 12);
            g.setColor(Color.DARK_GRAY);
            if (subtitle != null && !subtitle.isEmpty()) {
                text(subtitle, left, 46);
            }

            // grid and y-axis labels
            font(Font.PLAIN, 11);
            for (double t : ticks(lo, hi)) {
                int py = y.at(t);
                g.setColor(GRID);
                g.drawLine(left, py, left + plotW, py);
                g.setColor(Color.DARK_GRAY);
                String label = number(t) + "\u00d7";
                text(label, left - 8 - width(label), py + 4);
            }
            g.setColor(Color.BLACK);
            g.drawLine(left, top, left, top + plotH);
            g.drawLine(left, top + plotH, left + plotW, top + plotH);
            font(Font.PLAIN, 12);
            rotatedText("time / native time", 18, top + plotH / 2);

            // bars
            int n = groups.size();
            double groupW = (double) plotW / n;
            int barW = (int) Math.max(2, Math.min(60, groupW * 0.36));
            for (int i = 0; i < n; i++) {
                Group gr = groups.get(i);
                int cx = (int) Math.round(left + groupW * (i + 0.5));
                if (i == n - 1 && n > 1) {
                    int sep = (int) Math.round(left + groupW * i);
                    g.setColor(GRID);
                    g.drawLine(sep, top, sep, top + plotH);
                }
                bar(gr.qemu(), gr.qemuMissing(), cx - barW - 1, barW, y, QEMU);
                bar(gr.dbt(), gr.dbtMissing(), cx + 1, barW, y, DBT);
                g.setColor(Color.BLACK);
                font(i == n - 1 ? Font.BOLD : Font.PLAIN, 12);
                text(gr.label(), cx - width(gr.label()) / 2, top + plotH + 18);
            }

            // the native line
            int oneY = y.at(1);
            Stroke old = g.getStroke();
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            g.setColor(Color.BLACK);
            g.drawLine(left, oneY, left + plotW, oneY);
            g.setStroke(old);

            // legend
            font(Font.PLAIN, 12);
            int lx = left + plotW - 420;
            int ly = 58;
            legend(lx, ly, QEMU, "qemu-riscv64 / native");
            legend(lx + 160, ly, DBT, "dbt / native");
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            g.setColor(Color.BLACK);
            g.drawLine(lx + 280, ly - 4, lx + 300, ly - 4);
            g.setStroke(old);
            text("native (= 1)", lx + 306, ly);
        }

        private void bar(OptionalDouble v, String missing, int x, int w, Scale y, Color color) {
            font(Font.PLAIN, 10);
            if (v.isEmpty() || !(v.getAsDouble() > 0)) {
                g.setColor(FAIL);
                int bx = x + w / 2 - width(missing) / 2;
                text(missing, bx, y.from - 4);
                return;
            }
            int py = y.at(v.getAsDouble());
            int base = y.from;
            g.setColor(color);
            g.fillRect(x, Math.min(py, base), w, Math.max(1, Math.abs(base - py)));
            g.setColor(color.darker());
            g.drawRect(x, Math.min(py, base), w, Math.max(1, Math.abs(base - py)));
            g.setColor(Color.BLACK);
            String label = ratioLabel(v.getAsDouble());
            text(label, x + w / 2 - width(label) / 2, py - 3);
        }

        private void legend(int x, int y, Color color, String label) {
            g.setColor(color);
            g.fillRect(x, y - 10, 14, 12);
            g.setColor(color.darker());
            g.drawRect(x, y - 10, 14, 12);
            g.setColor(Color.BLACK);
            text(label, x + 20, y);
        }

        private void font(int style, int size) {
            g.setFont(new Font(Font.SANS_SERIF, style, size));
        }

        private void text(String s, int x, int y) {
            if (!textWorks) {
                return;
            }
            try {
                g.drawString(s, x, y);
            } catch (RuntimeException | Error e) { // no fonts on this machine: draw the chart without text
                textWorks = false;
            }
        }

        private void rotatedText(String s, int x, int y) {
            Graphics2D r = (Graphics2D) g.create();
            try {
                r.translate(x, y);
                r.rotate(-Math.PI / 2);
                r.setColor(Color.BLACK);
                if (textWorks) {
                    r.drawString(s, -width(s) / 2, 0);
                }
            } catch (RuntimeException | Error e) {
                textWorks = false;
            } finally {
                r.dispose();
            }
        }

        private int width(String s) {
            if (!textWorks) {
                return 0;
            }
            try {
                FontMetrics fm = g.getFontMetrics();
                return fm.stringWidth(s);
            } catch (RuntimeException | Error e) {
                textWorks = false;
                return 0;
            }
        }
    }

    /** A logarithmic mapping from values in [lo, hi] to pixel rows {@code from} (lo) .. {@code to} (hi). */
    record Scale(double lo, double hi, int from, int to) {
        int at(double v) {
            double f = (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
            f = Math.max(0, Math.min(1, f));
            return (int) Math.round(from + f * (to - from));
        }
    }

    /** The 1-2-5 ticks from lo to hi inclusive. */
    static List<Double> ticks(double lo, double hi) {
        List<Double> out = new ArrayList<>();
        for (int e = (int) Math.floor(Math.log10(lo)) - 1; e <= (int) Math.ceil(Math.log10(hi)) + 1; e++) {
            for (double s : STEPS) {
                double t = s * Math.pow(10, e);
                if (t >= lo * 0.999 && t <= hi * 1.001) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    static double tickAtOrBelow(double v) {
        int e = (int) Math.floor(Math.log10(v));
        double best = Math.pow(10, e);
        for (double s : STEPS) {
            double t = s * Math.pow(10, e);
            if (t <= v * 1.0001) {
                best = t;
            }
        }
        return best;
    }

    static double tickAtOrAbove(double v) {
        int e = (int) Math.floor(Math.log10(v));
        for (double s : STEPS) {
            double t = s * Math.pow(10, e);
            if (t >= v * 0.9999) {
                return t;
            }
        }
        return Math.pow(10, e + 1);
    }

    private static String number(double t) {
        return t >= 1 ? String.format(Locale.ROOT, "%.0f", t) : String.format(Locale.ROOT, "%s", (float) t);
    }

    static String ratioLabel(double v) {
        return v >= 10 ? String.format(Locale.ROOT, "%.0f\u00d7", v) : String.format(Locale.ROOT, "%.1f\u00d7", v);
    }
}

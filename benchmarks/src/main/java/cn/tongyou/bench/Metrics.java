package cn.tongyou.bench;

/** Reading the Prometheus text format of {@code /q/metrics}. */
public final class Metrics {

    private Metrics() {
    }

    /** The sum of the samples of {@code name} over all its label sets; NaN when there is none. */
    public static double sum(String exposition, String name) {
        double sum = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            String rest = line.substring(name.length());
            if (!rest.startsWith("{") && !rest.startsWith(" ")) {
                continue; // another metric whose name starts with this one
            }
            int end = rest.startsWith("{") ? rest.indexOf('}') + 1 : 0;
            String[] fields = rest.substring(end).trim().split("\\s+");
            sum += Double.parseDouble(fields[0]);
            found = true;
        }
        return found ? sum : Double.NaN;
    }
}

// The Allure 3 report: `npm run report` (a folder to serve) or `npm run report:single`
// (one index.html that opens straight from disk). Grouped by workflow (epic), then feature.
import { defineConfig } from "allure";

export default defineConfig({
  name: "Campaign platform acceptance",
  output: "./allure-report",
  plugins: {
    awesome: {
      options: {
        reportName: "Campaign platform acceptance",
        groupBy: ["epic", "feature"],
        singleFile: process.env.ALLURE_SINGLE_FILE === "1",
      },
    },
  },
});

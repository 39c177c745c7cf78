#pragma once

#include "dashboard/ChartFrame.h"
#include "dashboard/SpendData.h"

class QBarSet;
class QStackedBarSeries;

namespace signalbox {

// Spend per model per day (or per hour for short ranges) as stacked bars, one colour a
// model, the models that spent least summed into "Other". Hovering a bar segment shows
// the model's spend in that bucket and the bucket's total.
class SpendChart : public ChartFrame {
    Q_OBJECT
public:
    explicit SpendChart(QWidget* parent = nullptr);

    void setData(const SpendData& data);
    const SpendData& data() const { return data_; }
    // The series drawn; null before data with spend arrived. One set a model, in the
    // order of data().models, labelled by its target ("Other" for the rest).
    QStackedBarSeries* series() const { return series_; }
    // What hovering `set` at `index` shows (the readout), as the chart does.
    void hover(QBarSet* set, int index, bool on);

protected:
    void recolor() override;

private:
    // Labels as many buckets as the plot's width has room for.
    void labelBuckets();

    SpendData data_;
    QStackedBarSeries* series_ = nullptr;
    std::vector<QString> labels_;  // one a bucket
    int labelsShown_ = 0;          // at most, as last laid out
};

}  // namespace signalbox

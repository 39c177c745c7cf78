#include <QTest>
class TestGovernance : public QObject {
    Q_OBJECT
};
QTEST_GUILESS_MAIN(TestGovernance)
#include "tst_governance.moc"

#include "proxy/ProxyPanel.h"

#include "common/PanelHeader.h"
#include "engine/Engine.h"
#include "proxy/ProxyStateText.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace signalbox {

ProxyPanel::ProxyPanel(Engine& engine, QWidget* parent)
    : QWidget(parent),
      engine_(engine),
      addressLabel_(new QLabel(this)),
      stateLabel_(new QLabel(this)),
      startButton_(new QPushButton(tr("Start"), this)),
      stopButton_(new QPushButton(tr("Stop"), this)) {
    setObjectName(QStringLiteral("proxyPanel"));
    QVBoxLayout* layout = PanelHeader::addTo(
        this, tr("Proxy"),
        tr("The local endpoint your applications call. It speaks the OpenAI API and routes "
           "every call by your configuration."));

    addressLabel_->setObjectName(QStringLiteral("proxyAddressLabel"));
    addressLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse |
                                           Qt::TextSelectableByKeyboard);
    addressLabel_->setCursor(Qt::IBeamCursor);
    stateLabel_->setObjectName(QStringLiteral("proxyStateLabel"));
    stateLabel_->setWordWrap(true);
    QFont stateFont = stateLabel_->font();
    stateFont.setWeight(QFont::DemiBold);
    stateLabel_->setFont(stateFont);
    stateLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout;
    form->setHorizontalSpacing(16);
    form->setVerticalSpacing(10);
    form->addRow(tr("Address:"), addressLabel_);
    form->addRow(tr("State:"), stateLabel_);
    layout->addLayout(form);

    startButton_->setObjectName(QStringLiteral("proxyStartButton"));
    stopButton_->setObjectName(QStringLiteral("proxyStopButton"));
    connect(startButton_, &QPushButton::clicked, &engine_, &Engine::startProxy);
    connect(stopButton_, &QPushButton::clicked, &engine_, &Engine::stopProxy);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(startButton_);
    buttons->addWidget(stopButton_);
    buttons->addStretch();
    layout->addSpacing(4);
    layout->addLayout(buttons);
    layout->addStretch();

    connect(&engine_, &Engine::proxyStateChanged, this, &ProxyPanel::showState);
    showState();
}

void ProxyPanel::showState() {
    const QString url = engine_.proxyUrl();
    addressLabel_->setText(url.isEmpty() ? tr("not listening") : url);
    stateLabel_->setText(ProxyStateText::describe(engine_));

    const Engine::ProxyState state = engine_.proxyState();
    startButton_->setEnabled(state == Engine::ProxyState::Stopped ||
                             state == Engine::ProxyState::Failed);
    stopButton_->setEnabled(state == Engine::ProxyState::Starting ||
                            state == Engine::ProxyState::Running);
}

}  // namespace signalbox

from tensorflow import keras
from tensorflow.keras import layers


class Classifier(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = layers.Dense(64, use_bias=False)
        self.dropout = layers.Dropout(0.25)
        self.bn = layers.BatchNormalization()
        self.head = layers.Dense(10)

    def call(self, x, training=None):
        x = self.dense(x)
        x = self.dropout(x, training=training)
        x = self.bn(x, training=training)
        return self.head(x)
